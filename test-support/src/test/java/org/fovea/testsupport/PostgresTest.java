package org.fovea.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresTest {

    @Test
    void aThrowawayClusterAnswersOnLoopbackThenIsGoneWithItsFolder() throws IOException {
        Path dir;
        int port;
        try (Postgres pg = Postgres.start()) {
            port = pg.port();
            pg.createDatabase("reports_test");
            // psql, PostgreSQL's own client, as the independent witness of what the server is
            String out = Command.of(Postgres.BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(port), "-U", pg.user(), "-d", "reports_test", "-tAc",
                    "SELECT current_setting('server_version_num')::int / 10000, current_database()")
                    .run().requireSuccess().stdout().trim();
            assertEquals("15|reports_test", out);
            assertTrue(pg.jdbcUrl("reports_test").endsWith(":" + port + "/reports_test"));
            dir = pg.folder();
            assertTrue(Files.exists(dir.resolve("data/postmaster.pid")), "the server runs from its folder");
        }
        assertFalse(Files.exists(dir.resolve("data")), "the cluster's folder is deleted");
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "nothing listens on the port after close");
    }
}
