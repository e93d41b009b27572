package org.fovea.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A binary PGM (P5, gray) or PPM (P6, RGB) image with 8-bit samples, as DCMTK's {@code dcmj2pnm}
 * writes them: the reference images the rendering tests compare with.
 *
 * @param width    columns
 * @param height   rows
 * @param channels 1 for P5, 3 for P6
 * @param samples  row by row, {@code channels} bytes a pixel
 */
public record Pnm(int width, int height, int channels, byte[] samples) {

    /** Reads a P5 or P6 file; fails on any other format or on samples wider than 8 bits. */
    public static Pnm read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a P5 or P6 image; header comments ({@code #} to the end of the line) are skipped. */
    public static Pnm parse(byte[] b) {
        int[] pos = {0};
        String magic = token(b, pos);
        if (!magic.equals("P5") && !magic.equals("P6")) {
            throw new AssertionError("not a binary PGM or PPM: magic " + magic);
        }
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        if (max != 255) {
            throw new AssertionError("expected 8-bit samples, the maximum value is " + max);
        }
        int start = pos[0] + 1; // one whitespace byte ends the header
        int channels = magic.equals("P6") ? 3 : 1;
        int length = w * h * channels;
        if (b.length - start < length) {
            throw new AssertionError("cut off: " + w + "x" + h + "x" + channels + " needs " + length + " bytes, "
                    + (b.length - start) + " follow the header");
        }
        return new Pnm(w, h, channels, Arrays.copyOfRange(b, start, start + length));
    }

    /** The 8-bit value of channel {@code c} at column {@code x}, row {@code y}. */
    public int sample(int x, int y, int c) {
        return samples[(y * width + x) * channels + c] & 0xFF;
    }

    private static String token(byte[] b, int[] pos) {
        while (pos[0] < b.length && (Character.isWhitespace(b[pos[0]]) || b[pos[0]] == '#')) {
            if (b[pos[0]] == '#') {
                while (pos[0] < b.length && b[pos[0]] != '\n') pos[0]++;
            }
            pos[0]++;
        }
        int start = pos[0];
        while (pos[0] < b.length && !Character.isWhitespace(b[pos[0]])) pos[0]++;
        return new String(b, start, pos[0] - start, StandardCharsets.US_ASCII);
    }
}
