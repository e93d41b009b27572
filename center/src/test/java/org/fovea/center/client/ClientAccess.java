package org.fovea.center.client;

import java.util.List;
import java.util.UUID;

/** Lets the server's tests send a STOW-RS body they damaged on purpose. */
public final class ClientAccess {

    private ClientAccess() {
    }

    public static List<CenterClient.Sent> send(CenterClient client, UUID request, byte[] body, String boundary)
            throws CenterException {
        return client.send(request, body, boundary);
    }
}
