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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code fovea center …}: the remote diagnosis center service. */
@Command(name = "center", mixinStandardHelpOptions = true,
        description = "The remote diagnosis center: an HTTPS service on PostgreSQL that hospitals send requests to.",
        subcommands = {CenterCommand.Serve.class})
final class CenterCommand implements Callable<Integer> {

    @ParentCommand
    private FoveaCommand parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: serve.");
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
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    closed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (CenterServer server = start(c)) {
                out.printf("center listening on https://%s:%d (API description: /api/openapi.json); Ctrl-C stops%n",
                        c.host(), server.port());
                out.flush();
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    // stopped by whoever runs the command in-process: the same clean stop as Ctrl-C
                }
            } finally {
                closed.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException | IllegalArgumentException notRegisteredOrExiting) {
                    // exiting on Ctrl-C (the hook ran), or the center never started
                }
            }
            out.println("stopped");
            out.flush();
            return 0;
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
