package org.fovea.center.server;

import org.fovea.center.Role;

/** Who is asking: an account of the center, with its hospital. */
public record Account(long id, long hospitalId, String hospitalCode, String login, String name, Role role,
                      String group) {
}
