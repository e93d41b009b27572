package org.fovea.app.cli;

import org.fovea.center.server.CenterConfig;
import org.fovea.center.server.CenterServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fovea center …}: the remote diagnosis center service. */
@Command(name = "center", mixinStandardHelpOptions = true,
        description = "The remote diagnosis center: an HTTPS service on PostgreSQL that hospitals send requests to.",
        subcommands = {CenterCommand.Serve.class, CenterCommand.Demo.class, CenterCommand.AddHospital.class, CenterCommand.AddAccount.class,
                CenterCommand.AddRule.class, CenterCommand.ListAll.class, CenterCommand.RequestsList.class})
final class CenterCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: serve, demo, add-hospital, add-account, add-rule, list or requests.");
    }

    /** The center's database, from its configuration file, for the administrator's commands. */
    static org.fovea.center.server.CenterDatabase database(Path config) {
        CenterConfig c;
        try {
            c = CenterConfig.load(config);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try {
            return org.fovea.center.server.CenterDatabase.open(c.jdbcUrl(), c.user(), c.password());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UserError("The center's database " + c.jdbcUrl() + " cannot be opened: " + root.getMessage());
        }
    }

    /** The whole center on this machine, to try the flow. */
    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Start a demo center on this machine: its "
            + "own PostgreSQL (in FOVEA_HOME/center-demo), an Orthanc on it, the center, two demo hospitals, their "
            + "doctors, a coordinator and two experts; this workstation becomes a site of the first hospital.")
    static final class Demo implements Callable<Integer> {
        @ParentCommand
        private CenterCommand center;
        @Spec
        private CommandSpec spec;
        @Option(names = "--port", defaultValue = "8443", description = "The center's HTTPS port (0: a free one).")
        private int port;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("starting the demo center (PostgreSQL, Orthanc, the center)...");
            out.flush();
            org.fovea.center.demo.CenterDemo demo;
            try {
                demo = org.fovea.center.demo.CenterDemo.start(center.parent.home(), port);
            } catch (java.io.IOException | RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new UserError("The demo center cannot start: " + root.getMessage());
            }
            out.printf("center ready at %s (certificate %s)%n", demo.url(), demo.certificate());
            out.printf("  %s; images in Orthanc at %s%n", demo.postgres(), demo.orthancUrl());
            out.printf("  accounts (password %s):%n", org.fovea.center.demo.CenterDemo.PASSWORD);
            for (var a : org.fovea.center.demo.CenterDemo.ACCOUNTS) {
                out.printf("    %-13s %-11s %s%s%n", a.login(), a.role().name().toLowerCase(), a.name(),
                        a.group().isEmpty() ? "" : "  group " + a.group());
            }
            out.printf("  this workstation is a site of 青山镇卫生院: ./fovea remote submit --study UID (as doctor.a)%n");
            out.printf("  experts: ./fovea remote requests --as expert.chest; the images by query/retrieve from %s "
                    + "(C-GET), e.g. ./fovea dicom get %s --study UID%n", demo.dicomAddress(), demo.dicomAddress());
            out.printf("  an expert's workstation: copy %s to its FOVEA_HOME/department.json (the center's reporting "
                    + "database: report and sign as usual, each expert signs final) and %s to its "
                    + "FOVEA_HOME/settings/remote.json (the Remote diagnosis tab is then the expert's queue, with "
                    + "Retrieve and open)%n", demo.expertDepartment(), demo.expertRemote());
            out.printf("  the signed report comes back by itself to a site that watches: ./fovea remote watch (or the "
                    + "workstation's Remote diagnosis tab, Connect); checked against %s%n", demo.reportCa());
            out.printf("  the center's requests: ./fovea center requests --config %s%n", demo.configFile());
            out.println("Ctrl-C stops");
            return Foreground.untilStopped(demo, out);
        }
    }

    /** Options every administrator's command takes. */
    static final class ConfigOption {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The center's JSON settings.")
        Path config;
    }

    /** An administrator's command: the center's configuration file, and its output. */
    abstract static class Admin implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();
        @Spec
        CommandSpec spec;

        org.fovea.center.server.CenterDatabase database() {
            return CenterCommand.database(config.config);
        }

        /** One line on the command's output. */
        void say(String format, Object... args) {
            spec.commandLine().getOut().printf(format + "%n", args);
            spec.commandLine().getOut().flush();
        }
    }

    /** Adds a hospital, or the center itself. */
    @Command(name = "add-hospital", mixinStandardHelpOptions = true, description = "Add a hospital (or, with --center, "
            + "the expert center itself) that may use the center.")
    static final class AddHospital extends Admin {
        @Option(names = "--code", required = true, description = "A short unique code, e.g. TOWN-A.")
        private String code;
        @Option(names = "--name", required = true, description = "Its name, e.g. 青山镇卫生院.")
        private String name;
        @Option(names = "--center", description = "The expert center itself (its experts and coordinators belong to it).")
        private boolean center;

        @Override
        public Integer call() {
            try (var db = database()) {
                new org.fovea.center.server.Accounts(db.dataSource()).addHospital(code, name, center);
            } catch (IllegalStateException e) {
                throw new UserError("Hospital " + code + " cannot be added: " + e.getMessage());
            }
            say("added %s %s", code, name);
            return 0;
        }
    }

    /** Adds an account of a hospital; its password is asked for. */
    @Command(name = "add-account", mixinStandardHelpOptions = true, description = "Add an account of a hospital "
            + "(doctor, expert, coordinator or administrator); its password is asked for.")
    static final class AddAccount extends Admin {
        @Option(names = "--hospital", required = true, description = "The hospital's code.")
        private String hospital;
        @Option(names = "--login", required = true)
        private String login;
        @Option(names = "--name", required = true, description = "The name shown, e.g. 李医生.")
        private String name;
        @Option(names = "--role", required = true, description = "DOCTOR, EXPERT, COORDINATOR, ADMIN or RESEARCHER (reads de-identified reported studies only).")
        private org.fovea.center.Role role;
        @Option(names = "--group", description = "An expert's group, e.g. chest.")
        private String group;
        @Option(names = "--level", description = "An expert's level, 1 (resident) to 3 (chief); urgent requests go to "
                + "the level their rule asks.")
        private Integer level;

        @Override
        public Integer call() {
            char[] password = new CliLogin().password("Password for " + login);
            String weak = org.fovea.reporting.identity.Passwords.weakness(password);
            if (weak != null) {
                throw new UserError(weak);
            }
            try (var db = database()) {
                new org.fovea.center.server.Accounts(db.dataSource()).addAccount(hospital, login, name, role, group,
                        password);
                if (level != null) {
                    new org.fovea.center.server.Assignments(db.dataSource()).setLevel(login, level);
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new UserError("Account " + login + " cannot be added: " + e.getMessage());
            }
            say("added %s (%s) of %s", login, role.name().toLowerCase(), hospital);
            return 0;
        }
    }

    /** Adds an assignment rule. */
    @Command(name = "add-rule", mixinStandardHelpOptions = true, description = "Add an assignment rule: requests of a "
            + "modality and body part go to an expert group, least-loaded or round-robin.")
    static final class AddRule extends Admin {
        @Option(names = "--priority", required = true, description = "Rules are tried lowest first.")
        private int priority;
        @Option(names = "--modality", defaultValue = "", description = "e.g. CT (empty: any).")
        private String modality;
        @Option(names = "--body-part", defaultValue = "", description = "e.g. CHEST (empty: any).")
        private String bodyPart;
        @Option(names = "--group", required = true)
        private String group;
        @Option(names = "--strategy", defaultValue = "LEAST_LOADED", description = "LEAST_LOADED or ROUND_ROBIN.")
        private org.fovea.center.server.Assignments.Strategy strategy;
        @Option(names = "--urgent-level", defaultValue = "1", description = "Urgent requests only to experts of this level or above.")
        private int urgentLevel;

        @Override
        public Integer call() {
            try (var db = database()) {
                new org.fovea.center.server.Assignments(db.dataSource()).addRule(priority, modality, bodyPart, group,
                        strategy, urgentLevel);
            }
            say("added rule %d: %s %s -> %s (%s)", priority, modality.isEmpty() ? "any modality" : modality,
                    bodyPart.isEmpty() ? "any body part" : bodyPart, group, strategy.name().toLowerCase());
            return 0;
        }
    }

    /** Hospitals, accounts and rules. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The center's hospitals, accounts and "
            + "assignment rules.")
    static final class ListAll extends Admin {

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var db = database()) {
                var accounts = new org.fovea.center.server.Accounts(db.dataSource());
                out.println("hospitals:");
                accounts.hospitals().forEach(h -> out.printf("  %s  %s%s  %d accounts%n", h.code(), h.name(),
                        h.center() ? " (the center)" : "", h.accounts()));
                out.println("accounts:");
                accounts.accounts().forEach(a -> out.printf("  %s  %s  %s  %s%s%s%n", a.hospital(), a.login(), a.name(),
                        a.role().name().toLowerCase(), a.group().isEmpty() ? "" : "  group " + a.group()
                                + "  level " + a.level(), a.active() ? "" : "  (disabled)"));
                out.println("assignment rules:");
                new org.fovea.center.server.Assignments(db.dataSource()).rules().forEach(r -> out.printf(
                        "  %d  %s %s -> %s  %s  urgent: level %d+%n", r.priority(), r.modality().isEmpty() ? "*" : r.modality(),
                        r.bodyPart().isEmpty() ? "*" : r.bodyPart(), r.group(), r.strategy().name().toLowerCase(),
                        r.urgentLevel()));
            }
            out.flush();
            return 0;
        }
    }

    /** Every request, as a coordinator sees them. */
    @Command(name = "requests", mixinStandardHelpOptions = true, description = "The center's requests, urgent first, "
            + "then newest.")
    static final class RequestsList extends Admin {
        @Option(names = "--json", description = "As JSON.")
        private boolean json;
        @Option(names = "--limit", defaultValue = "200")
        private int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var db = database()) {
                var admin = new org.fovea.center.server.Account(0, 0, "", "console", "console",
                        org.fovea.center.Role.ADMIN, "");
                var all = new org.fovea.center.server.Requests(db.dataSource()).list(admin, limit);
                print(out, all, json);
            }
            return 0;
        }
    }

    /** Requests at the center, one line each (or as JSON): what both the administrator and a site's doctors list. */
    static void print(PrintWriter out, java.util.List<org.fovea.center.CenterRequest> all, boolean json) {
        if (json) {
            out.println(org.fovea.center.CenterJson.pretty(all));
        } else if (all.isEmpty()) {
            out.println("no requests");
        }
        if (!json) {
            all.forEach(r -> out.printf("%s  %s  %s  %s  %s %s  %s%s  %d/%d images  %s%s%n", r.id(), r.hospital(),
                    org.fovea.app.view.PersonNameFormat.display(r.patientName()),
                    r.urgency().name().toLowerCase(java.util.Locale.ROOT), r.modality(), r.bodyPart(),
                    r.state().name().toLowerCase(java.util.Locale.ROOT),
                    r.assignedTo() == null ? "" : " -> " + r.assignedTo(), r.receivedImages(), r.announcedImages(),
                    r.question(), r.note().isEmpty() ? "" : "  — asked of the hospital: " + r.note()));
        }
        out.flush();
    }

    /** Runs one instance of the center until Ctrl-C. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the center service (HTTPS, on the configured PostgreSQL) until Ctrl-C. Several "
                    + "instances may serve one database.")
    static final class Serve implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The center's JSON settings: jdbcUrl, user, password, host, port, keyStore, keyStorePassword.")
        private Path config;

        @Override
        public Integer call() {
            CenterConfig c;
            try {
                c = CenterConfig.load(config);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            CenterServer server = start(c);
            out.printf("center listening on https://%s:%d (API description: /api/openapi.json); Ctrl-C stops%n",
                    c.host(), server.port());
            return Foreground.untilStopped(server, out);
        }

        private static CenterServer start(CenterConfig c) {
            try {
                return CenterServer.start(c);
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new UserError("The center cannot start on " + c.jdbcUrl() + " and port " + c.port() + ": "
                        + root.getMessage());
            }
        }
    }
}
