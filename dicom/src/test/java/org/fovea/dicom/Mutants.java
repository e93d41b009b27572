package org.fovea.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damaged copies of the shared corpus, made by the tests themselves as a CD copy, a broken disk or
 * a hostile sender would make them: files cut off at many offsets, inflated lengths, impossible
 * image sizes, broken fragments, duplicate elements, garbage value representations, damaged
 * numbers, sequences nested without end, and random bytes flipped in headers. Each says what the
 * archive must do with it.
 */
public final class Mutants {

    /** What intake must do with a mutant. */
    public enum Expect {
        /** Refused with a reason: it cannot be shown. */
        REFUSE,
        /** Stored: it can still be shown (the damage is in something optional). */
        STORE,
        /** Either, but if stored it must be showable: random damage may hit bytes nobody reads. */
        EITHER
    }

    /** One damaged file. */
    public record Mutant(Path file, String source, String damage, Expect expect) {
        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

    /** Sources with native pixel data, and the syntax each is in. */
    private static final String[][] NATIVE = {
            {"series-mr-phantom-128", "slice0.dcm", EXPLICIT_LE},
            {"transfer-syntaxes", "1.2.840.10008.1.2.1.dcm", EXPLICIT_LE},
            {"transfer-syntaxes", "1.2.840.10008.1.2.dcm", IMPLICIT_LE},
            {"transfer-syntaxes", "1.2.840.10008.1.2.2.dcm", EXPLICIT_BE},
            {"charsets", "chinese-GB18030.dcm", EXPLICIT_LE},
    };
    /** Sources with encapsulated pixel data (all in explicit little endian). */
    private static final String[][] ENCAPSULATED = {
            {"series-lena", "Lena-1.dcm"},
            {"transfer-syntaxes", "1.2.840.10008.1.2.4.50.dcm"},
            {"transfer-syntaxes", "1.2.840.10008.1.2.4.57.dcm"},
            {"transfer-syntaxes", "1.2.840.10008.1.2.4.70.dcm"},
            {"transfer-syntaxes", "1.2.840.10008.1.2.5.dcm"},
    };
    private static final String[] DEFLATED = {"transfer-syntaxes", "1.2.840.10008.1.2.1.99.dcm"};

    private Mutants() {
    }

    /** Writes every mutant into {@code dir}. */
    public static List<Mutant> write(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Mutant> out = new ArrayList<>();
            for (String[] s : NATIVE) {
                Path source = Corpus.dir(s[0]).resolve(s[1]);
                Writer w = new Writer(dir, source, Files.readAllBytes(source), s[2]);
                w.common();
                w.nativePixels();
                if (!s[2].equals(EXPLICIT_BE)) {
                    w.rewritten();
                }
                out.addAll(w.mutants);
            }
            for (String[] s : ENCAPSULATED) {
                Path source = Corpus.dir(s[0]).resolve(s[1]);
                Writer w = new Writer(dir, source, Files.readAllBytes(source), EXPLICIT_LE);
                w.common();
                w.fragments();
                out.addAll(w.mutants);
            }
            Path deflated = Corpus.dir(DEFLATED[0]).resolve(DEFLATED[1]);
            Writer d = new Writer(dir, deflated, Files.readAllBytes(deflated), "deflated");
            d.truncations(d.bytes.length / 2);
            out.addAll(d.mutants);
            out.add(new Mutant(deeplyNested(dir), "synthetic", "sequences nested 200 deep", Expect.REFUSE));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Pixel Data length of a native little-endian source set to {@code length}, for bombs. */
    public static Path pixelLengthBomb(Path dir, long length) {
        try {
            Path source = Corpus.dir("series-mr-phantom-128").resolve("slice0.dcm");
            Writer w = new Writer(dir, source, Files.readAllBytes(source), EXPLICIT_LE);
            byte[] b = w.bytes.clone();
            int at = w.pixelDataTag();
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 8, (int) length);
            Path out = dir.resolve("bomb-" + Long.toHexString(length) + ".dcm");
            Files.write(out, b);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MR phantom's first slice with a Window Center that is not a number. */
    public static Path windowNotANumber(Path dir) {
        try {
            Path source = Corpus.dir("series-mr-phantom-128").resolve("slice0.dcm");
            Writer w = new Writer(dir, source, Files.readAllBytes(source), EXPLICIT_LE);
            return Files.write(dir.resolve("window-abc.dcm"),
                    w.rewrite(TagFromName.WindowCenter, "abc", TagFromName.WindowWidth, "400"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The corpus's RLE image with its second segment's offset made odd: PixelMed still decodes it,
     * printing "Error: fragment offset for segment 1 is not even length …" to stderr.
     */
    public static Path oddRleSegmentOffset(Path dir) {
        try {
            Path source = Corpus.dir("transfer-syntaxes").resolve("1.2.840.10008.1.2.5.dcm");
            Writer w = new Writer(dir, source, Files.readAllBytes(source), EXPLICIT_LE);
            int offsetTable = w.pixelDataTag() + 12;
            int rleHeader = offsetTable + 8 + (int) w.u32(offsetTable + 4) + 8;
            int secondOffset = rleHeader + 8;
            Path out = dir.resolve("odd-rle-offset.dcm");
            Files.write(out, w.withU32(secondOffset, w.u32(secondOffset) + 1));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the mutants of one source. */
    private static final class Writer {
        private final Path dir;
        private final Path source;
        private final byte[] bytes;
        private final String syntax;
        private final String stem;
        final List<Mutant> mutants = new ArrayList<>();

        Writer(Path dir, Path source, byte[] bytes, String syntax) {
            this.dir = dir;
            this.source = source;
            this.bytes = bytes;
            this.syntax = syntax;
            this.stem = source.getParent().getFileName() + "_" + source.getFileName().toString().replace(".dcm", "");
        }

        private boolean bigEndian() {
            return syntax.equals(EXPLICIT_BE);
        }

        private boolean implicit() {
            return syntax.equals(IMPLICIT_LE);
        }

        void common() throws IOException {
            add("unchanged", bytes, Expect.STORE);
            int pixels = pixelDataTag();
            truncations(pixels);
            int name = find(0x0010, 0x0010);
            if (name >= 0) {
                add("PatientName length inflated", withLength(name, implicit() ? 0x7FFFFFF0L : 0xFFFFL), Expect.REFUSE);
                add("PatientName twice", duplicated(name), Expect.REFUSE);
                if (!implicit()) {
                    byte[] b = bytes.clone();
                    b[name + 4] = 0;
                    b[name + 5] = 0;
                    add("PatientName VR garbage", b, Expect.REFUSE);
                }
            }
            us(0x0028, 0x0010, 65535, "Rows 65535", Expect.REFUSE);
            us(0x0028, 0x0011, 65535, "Columns 65535", Expect.REFUSE);
            us(0x0028, 0x0010, 0, "Rows 0", Expect.REFUSE);
            us(0x0028, 0x0100, 0, "Bits Allocated 0", Expect.REFUSE);
            us(0x0028, 0x0002, 4, "Samples per Pixel 4", Expect.REFUSE);
            Random random = new Random(source.getFileName().toString().hashCode());
            int headerStart = implicit() ? 0 : 132;
            for (int i = 0; i < 8; i++) {
                byte[] b = bytes.clone();
                for (int k = 0; k < 3; k++) {
                    b[headerStart + random.nextInt(pixels - headerStart)] = (byte) random.nextInt(256);
                }
                add("random header bytes " + (i + 1), b, Expect.EITHER);
            }
        }

        /** Cut at offsets through the header, the Pixel Data element and its value. */
        void truncations(int pixels) throws IOException {
            int n = bytes.length;
            int[] cuts = {0, 60, 132, 140, pixels / 2, pixels - 3, pixels + 2, pixels + 9, pixels + 13,
                    pixels + (n - pixels) / 3, pixels + 2 * (n - pixels) / 3, n - 8, n - 2, n - 1};
            for (int cut : Arrays.stream(cuts).filter(c -> c > 0 && c < n).distinct().toArray()) {
                add("cut at " + cut + " of " + n, Arrays.copyOf(bytes, cut), Expect.REFUSE);
            }
        }

        void nativePixels() throws IOException {
            int at = pixelDataTag();
            int lengthAt = at + (implicit() ? 4 : 8);
            long length = u32(lengthAt);
            add("Pixel Data length 0xFFFFFFF0", withU32(lengthAt, 0xFFFFFFF0L), Expect.REFUSE);
            add("Pixel Data length 0x7FFFFFF0", withU32(lengthAt, 0x7FFFFFF0L), Expect.REFUSE);
            add("Pixel Data length + 2", withU32(lengthAt, length + 2), Expect.REFUSE);
            add("Pixel Data length halved", withU32(lengthAt, length / 2), Expect.REFUSE);
        }

        void fragments() throws IOException {
            int at = pixelDataTag();
            int offsetTable = at + 12;
            int firstFragment = offsetTable + 8 + (int) u32(offsetTable + 4);
            add("fragment length 0xFFFFFFF0", withU32(firstFragment + 4, 0xFFFFFFF0L), Expect.REFUSE);
            add("fragment length + 1000", withU32(firstFragment + 4, u32(firstFragment + 4) + 1000), Expect.REFUSE);
            byte[] garbled = bytes.clone();
            garbled[firstFragment + 2] = 0x0D;
            add("fragment tag garbled", garbled, Expect.REFUSE);
            add("no sequence delimiter", Arrays.copyOf(bytes, bytes.length - 8), Expect.REFUSE);
            byte[] noFragment = new byte[firstFragment];
            System.arraycopy(bytes, 0, noFragment, 0, firstFragment);
            byte[] delimiter = Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length);
            add("no fragment", concat(noFragment, delimiter), Expect.REFUSE);
        }

        /** Header values changed through PixelMed, which rewrites the file consistently. */
        void rewritten() throws IOException {
            add("Number of Frames 2147483647", rewrite(TagFromName.NumberOfFrames, "2147483647"), Expect.REFUSE);
            // colour images have no modality transformation: their Rescale is never read
            add("Rescale Intercept not a number", rewrite(TagFromName.RescaleIntercept, "abc"),
                    monochrome() ? Expect.REFUSE : Expect.EITHER);
            add("Pixel Spacing not a number", rewrite(TagFromName.PixelSpacing, "x\\y"), Expect.REFUSE);
            add("Window Center not a number", rewrite(TagFromName.WindowCenter, "abc", TagFromName.WindowWidth, "400"),
                    Expect.STORE);
        }

        private boolean monochrome() throws IOException {
            try (DicomInputStream in = new DicomInputStream(source.toFile())) {
                AttributeList list = new AttributeList();
                list.read(in, TagFromName.PixelData);
                return com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(list,
                        TagFromName.PhotometricInterpretation).startsWith("MONOCHROME");
            } catch (DicomException e) {
                throw new IOException(e);
            }
        }

        private byte[] rewrite(Object... tagsAndValues) throws IOException {
            AttributeList list = new AttributeList();
            try (DicomInputStream in = new DicomInputStream(source.toFile())) {
                list.read(in);
                for (int i = 0; i < tagsAndValues.length; i += 2) {
                    com.pixelmed.dicom.AttributeTag tag = (com.pixelmed.dicom.AttributeTag) tagsAndValues[i];
                    list.remove(tag);
                    com.pixelmed.dicom.Attribute a = com.pixelmed.dicom.AttributeFactory.newAttribute(tag);
                    for (String v : ((String) tagsAndValues[i + 1]).split("\\\\")) {
                        a.addValue(v);
                    }
                    list.put(a);
                }
                String ts = implicit() ? IMPLICIT_LE : EXPLICIT_LE;
                com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, ts, "FOVEATEST");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                list.write(out, ts, true, true);
                return out.toByteArray();
            } catch (DicomException e) {
                throw new IOException(e);
            }
        }

        /** Where the top-level Pixel Data element starts: its last occurrence with a plausible header. */
        int pixelDataTag() {
            for (int i = bytes.length - 8; i >= 0; i--) {
                if (tagAt(i, 0x7FE0, 0x0010) && (implicit() || vrAt(i, "OW") || vrAt(i, "OB"))) {
                    return i;
                }
            }
            throw new AssertionError("no Pixel Data in " + source);
        }

        /** The first occurrence of a top-level element by its tag and, where explicit, a VR of letters. */
        int find(int group, int element) {
            for (int i = implicit() ? 0 : 132; i + 8 <= bytes.length; i++) {
                if (tagAt(i, group, element) && (implicit() || (Character.isUpperCase(bytes[i + 4])
                        && Character.isUpperCase(bytes[i + 5])))) {
                    return i;
                }
            }
            return -1;
        }

        private boolean tagAt(int i, int group, int element) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            return (b.getShort(i) & 0xFFFF) == group && (b.getShort(i + 2) & 0xFFFF) == element;
        }

        private boolean vrAt(int i, String vr) {
            return new String(bytes, i + 4, 2, StandardCharsets.US_ASCII).equals(vr);
        }

        private void us(int group, int element, int value, String damage, Expect expect) throws IOException {
            int at = find(group, element);
            if (at < 0) {
                return;
            }
            byte[] b = bytes.clone();
            ByteBuffer buf = ByteBuffer.wrap(b).order(bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            buf.putShort(at + 8, (short) value);
            add(damage, b, expect);
        }

        /** The element's length field set: 16-bit for short explicit VRs, else 32-bit. */
        private byte[] withLength(int at, long length) {
            if (implicit()) {
                return withU32(at + 4, length);
            }
            byte[] b = bytes.clone();
            ByteBuffer.wrap(b).order(bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .putShort(at + 6, (short) length);
            return b;
        }

        private byte[] duplicated(int at) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int length = implicit() ? b.getInt(at + 4) : b.getShort(at + 6) & 0xFFFF;
            int size = 8 + length;
            byte[] element = Arrays.copyOfRange(bytes, at, at + size);
            return concat(Arrays.copyOf(bytes, at + size), element, Arrays.copyOfRange(bytes, at + size, bytes.length));
        }

        private long u32(int at) {
            return ByteBuffer.wrap(bytes).order(bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                    .getInt(at) & 0xFFFFFFFFL;
        }

        private byte[] withU32(int at, long value) {
            byte[] b = bytes.clone();
            ByteBuffer.wrap(b).order(bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).putInt(at, (int) value);
            return b;
        }

        private void add(String damage, byte[] content, Expect expect) throws IOException {
            String name = stem + "_" + damage.replaceAll("[^A-Za-z0-9]+", "-") + ".dcm";
            Path file = Files.write(dir.resolve(name), content);
            mutants.add(new Mutant(file, source.getFileName().toString(), damage, expect));
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** An explicit little-endian image whose header holds 200 sequences, each inside the last. */
    private static Path deeplyNested(Path dir) throws IOException {
        Path base = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16])
                .write(dir, "nested-base.dcm");
        byte[] bytes = Files.readAllBytes(base);
        Files.delete(base);
        ByteArrayOutputStream nest = new ByteArrayOutputStream();
        ByteBuffer open = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 200; i++) {
            open.clear();
            // (0040,A730) Content Sequence, SQ, undefined length; then an item of undefined length
            open.putShort((short) 0x0040).putShort((short) 0xA730).put((byte) 'S').put((byte) 'Q').putShort((short) 0)
                    .putInt(-1).putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
            nest.write(open.array(), 0, 20);
        }
        ByteBuffer close = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 200; i++) {
            close.clear();
            close.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0)
                    .putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
            nest.write(close.array(), 0, 16);
        }
        int pixels = new Writer(dir, base, bytes, EXPLICIT_LE).pixelDataTag();
        Path out = dir.resolve("synthetic_sequences-nested-200-deep.dcm");
        Files.write(out, concat(Arrays.copyOf(bytes, pixels), nest.toByteArray(),
                Arrays.copyOfRange(bytes, pixels, bytes.length)));
        return out;
    }
}
