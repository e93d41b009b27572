package org.fovea.app.cli;

import org.fovea.app.view.PersonNameFormat;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.reporting.alert.Alert;
import org.fovea.reporting.alert.AlertEvent;
import org.fovea.reporting.alert.AlertRefused;
import org.fovea.reporting.alert.CriticalAlerts;
import org.fovea.reporting.audit.Actor;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.identity.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./fovea alert ...}: the critical-value alerts of the department. {@code escalate --every
 * S} is the escalation service a department server runs all day (the installer makes it a
 * system service); the workstations escalate too, each alert once.
 */
@Command(name = "alert", description = "Critical-value alerts: list, acknowledge, escalate.",
        subcommands = {AlertCommand.ListAlerts.class, AlertCommand.Acknowledge.class, AlertCommand.Escalate.class})
final class AlertCommand implements Callable<Integer> {

    @ParentCommand
    FoveaCommand parent;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", description = "Alerts, newest first, with each step.")
    static final class ListAlerts implements Callable<Integer> {
        @ParentCommand
        AlertCommand alert;
        @Spec
        CommandSpec spec;
        @Option(names = "--open", description = "Only those not yet acknowledged.")
        boolean open;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ReportingDatabase db = ReportingDatabase.forHome(alert.parent.home())) {
                CriticalAlerts alerts = new CriticalAlerts(db);
                List<Alert> list = alerts.list(open);
                if (list.isEmpty()) {
                    out.println(open ? "No open alerts" : "No alerts");
                }
                for (Alert a : list) {
                    out.printf("#%d %-12s %s (%s) %s %s, report %d: %s -> %s, due %s%n", a.id(), a.status(), a.finding(),
                            a.category(), PersonNameFormat.display(a.patientName()), a.patientId(), a.reportId(),
                            a.sender(), a.recipient(), a.due());
                    for (AlertEvent e : alerts.events(a.id())) {
                        out.printf("     %s %-12s %-8s %s %s%n", e.at(), e.event(), e.actor(), e.method(), e.detail());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "ack", description = "Acknowledge an alert addressed to you, reading the finding back.")
    static final class Acknowledge implements Callable<Integer> {
        @ParentCommand
        AlertCommand alert;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = "--as", required = true, paramLabel = "LOGIN")
        String as;
        @Option(names = "--read-back", required = true, paramLabel = "TEXT")
        String readBack;

        @Override
        public Integer call() {
            try (ReportingDatabase db = ReportingDatabase.forHome(alert.parent.home())) {
                User u = new CliLogin().require(new Users(db), as, Permission.ACKNOWLEDGE_ALERT);
                Alert a = new CriticalAlerts(db).acknowledge(id, u, readBack, Actor.thisWorkstation());
                spec.commandLine().getOut().println("Alert " + id + " (" + a.finding() + ") acknowledged by " + u.displayName());
            } catch (AlertRefused e) {
                throw new UserError(e.getMessage());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "escalate", description = "Escalate the alerts past their deadline; with --every, keep doing so.")
    static final class Escalate implements Callable<Integer> {
        @ParentCommand
        AlertCommand alert;
        @Spec
        CommandSpec spec;
        @Option(names = "--every", paramLabel = "SECONDS", description = "Run as a service, checking every SECONDS.")
        Integer every;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try (ReportingDatabase db = ReportingDatabase.forHome(alert.parent.home())) {
                CriticalAlerts alerts = new CriticalAlerts(db);
                do {
                    List<Alert> done = alerts.escalateDue();
                    for (Alert a : done) {
                        out.println("Escalated #" + a.id() + " " + a.finding() + " to " + a.backup() + ", " + a.head());
                    }
                    if (every == null) {
                        out.println(done.size() + " alert(s) escalated");
                    }
                    out.flush();
                    if (every != null) {
                        Thread.sleep(every * 1000L);
                    }
                } while (every != null);
            }
            return 0;
        }
    }
}
