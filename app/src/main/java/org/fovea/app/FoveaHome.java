package org.fovea.app;

import java.nio.file.Path;

/**
 * Where Fovea keeps its data: archive files, the H2 database, settings and logs. FOVEA_HOME
 * (environment) wins, then the system property {@code fovea.home}, then {@code ~/.fovea}.
 */
public final class FoveaHome {

    private FoveaHome() {
    }

    public static Path resolve() {
        String env = System.getenv("FOVEA_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String prop = System.getProperty("fovea.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".fovea");
    }
}
