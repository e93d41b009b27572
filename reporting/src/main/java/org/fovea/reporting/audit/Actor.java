package org.fovea.reporting.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who does something and from where: a login (or "system" for a service) and the workstation's name. */
public record Actor(String login, String workstation) {

    /** The workstation this process runs on, by host name. */
    public static String thisWorkstation() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    public static Actor here(String login) {
        return new Actor(login, thisWorkstation());
    }
}
