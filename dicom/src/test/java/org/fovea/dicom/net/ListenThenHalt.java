package org.fovea.dicom.net;

import org.fovea.dicom.archive.LocalArchive;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a separate JVM by the tests: listens on a home's archive with indexing held up (another
 * connection has the database in exclusive mode, as a busy or stuck database would), prints its
 * port, and when told "halt" on stdin dies without any shutdown (Runtime.halt, as a kill -9 or a
 * crash would). Everything it acknowledged until then is only in its receive folder.
 */
public final class ListenThenHalt {

    private ListenThenHalt() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        LocalArchive archive = LocalArchive.open(home);
        Connection hold = DriverManager.getConnection(
                "jdbc:h2:file:" + home.toAbsolutePath().normalize().resolve("db").resolve("fovea") + ";AUTO_SERVER=TRUE",
                "sa", "");
        try (Statement st = hold.createStatement()) {
            st.execute("SET EXCLUSIVE 1");
        }
        StoreScp scp = StoreScp.start(NetworkSettings.defaults().withLocal("FOVEA", 0, true), archive,
                StoreScp.StoreListener.none());
        System.out.println("port=" + scp.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("halt")) {
                Runtime.getRuntime().halt(9);
            }
        }
    }
}
