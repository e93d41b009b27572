package org.fovea.registration;

import java.util.List;

/**
 * What the waiting-room screen shows (T1): who is called to which room, and who comes next, with
 * names partly masked for privacy (王*国, 李*, Zhang W*): the first character, then one mask per
 * hidden character, then the last character of names of three or more.
 */
public final class WaitingRoom {

    private WaitingRoom() {
    }

    /** One line of the screen. */
    public record Line(String name, String room, boolean called) {
    }

    /** The called (latest first) then the next {@code waitingShown} waiting of a room, names masked. */
    public static List<Line> board(Queues queues, String room, int waitingShown) {
        List<Line> out = new java.util.ArrayList<>();
        for (QueueEntry e : queues.called(room)) {
            out.add(new Line(mask(e.patientName()), room, true));
        }
        queues.waiting(room).stream().limit(waitingShown).forEach(e -> out.add(new Line(mask(e.patientName()), room,
                false)));
        return out;
    }

    /**
     * A name masked for a public screen. Its Chinese form when it has one (王^建国, WANG^JIANGUO=王^建国):
     * 王*国 for three characters or more, 王* for two; a Latin name keeps its first letters of each
     * part (Zhang W*).
     */
    public static String mask(String name) {
        String n = name;
        int eq = n.indexOf('=');
        if (eq >= 0 && eq + 1 < n.length()) {
            n = n.substring(eq + 1).split("=")[0];
        }
        boolean han = n.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        if (han) {
            int[] cps = n.replace("^", "").replace(" ", "").codePoints().toArray();
            if (cps.length <= 1) {
                return new String(cps, 0, cps.length);
            }
            StringBuilder b = new StringBuilder().appendCodePoint(cps[0]);
            if (cps.length == 2) {
                return b.append('*').toString();
            }
            return b.append("*".repeat(cps.length - 2)).appendCodePoint(cps[cps.length - 1]).toString();
        }
        String[] parts = n.split("\\^");
        StringBuilder b = new StringBuilder(parts[0].isEmpty() ? "" : parts[0].substring(0, 1).toUpperCase()
                + parts[0].substring(1).toLowerCase());
        for (int i = 1; i < parts.length && i < 2; i++) {
            if (!parts[i].isEmpty()) {
                b.append(' ').append(parts[i].charAt(0)).append('*');
            }
        }
        return b.toString();
    }
}
