package org.fovea.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.ValueRepresentation;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * How a file's elements are laid out: each element's tag and declared length, walked from the
 * start of the file to its end without reading any value but the transfer syntax, before
 * PixelMed is given the file. The walk refuses a file whose declared lengths do not fit in what
 * the file holds, a sequence or item left open at the end, an element twice in one data set, and
 * sequences nested past any real use, each with one sentence saying which element and how many
 * bytes.
 *
 * <p>Why Fovea walks the elements itself instead of letting PixelMed find out: PixelMed allocates
 * each value from its declared length before reading it ({@code new byte[(int) length]} in its
 * text attributes, {@code new short[length / 2]} for OW), so a 60 KB file whose Pixel Data claims
 * 0xFFFFFFF0 bytes made it allocate 4 GB before failing; its hook for checking lengths
 * ({@code AttributeList.checkSanityOfValueLength}) does not see the byte offset and is not called
 * for the data sets inside sequence items, which it reads with plain {@code AttributeList}s; it
 * closes an undefined-length sequence cut off by the end of the file without a word, and writes
 * "Illegal duplicate tag … replacing previous occurence" to stderr and keeps the second value.
 * The walk reads only the framing (tag, VR, length); values, character sets and codecs stay
 * PixelMed's.
 */
public final class DataSetLayout {

    /** Deflated data sets are walked through the inflater; this bounds what one may unfold to. */
    public static final long DEFLATED_LIMIT = 512L << 20;
    /** Deeper nesting has no use in any IOD; a hostile file could nest until a reader's stack overflows. */
    static final int MAX_DEPTH = 32;

    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

    /** Where the Pixel Data element is and what it holds; fragment counts for encapsulated data. */
    public record PixelData(long valueOffset, long length, boolean encapsulated, int fragments,
                            int offsetTableEntries, long firstFragmentOffset, long firstFragmentLength) {
    }

    /**
     * A top-level element of the data set and the bytes it takes, its tag and length included:
     * from {@code start} up to, not including, {@code end}. Positions are in the file, except for
     * a Deflated data set, where they count its inflated bytes.
     */
    public record Element(int tag, long start, long end) {
    }

    private final String transferSyntaxUid;
    private final List<Integer> headerTags;
    private final List<Element> elements;
    private final PixelData pixelData;
    private final boolean floatPixelData;

    private DataSetLayout(String transferSyntaxUid, List<Integer> headerTags, List<Element> elements,
                          PixelData pixelData, boolean floatPixelData) {
        this.transferSyntaxUid = transferSyntaxUid;
        this.headerTags = headerTags;
        this.elements = elements;
        this.pixelData = pixelData;
        this.floatPixelData = floatPixelData;
    }

    /** The transfer syntax of the data set: from the file meta information, else the one given. */
    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    /** The top-level elements before Pixel Data, meta information included, as tags (group << 16 | element). */
    public List<Integer> headerTags() {
        return headerTags;
    }

    /**
     * The data set's top-level elements in file order, the file meta information left out: where
     * a value can be replaced without touching any other byte ({@link AccessionFill}).
     */
    public List<Element> elements() {
        return elements;
    }

    /** The top-level Pixel Data (7FE0,0010), or null when the data set has none. */
    public PixelData pixelData() {
        return pixelData;
    }

    /** Whether the data set holds Float or Double Float Pixel Data, which Fovea does not show. */
    public boolean floatPixelData() {
        return floatPixelData;
    }

    /**
     * Checks that PixelMed's reading of the header kept every top-level element the walk found
     * before Pixel Data: PixelMed skips an element it cannot make a value of (a log line, and
     * the element is gone), which a file must not survive unnoticed. The file meta information is
     * not compared, as a header read from a network stream does not carry it.
     *
     * @throws DicomReadException naming the first element lost
     */
    public void requireRead(Path file, AttributeList header) throws DicomReadException {
        for (int tag : headerTags) {
            if ((tag >>> 16) != 0x0002 && header.get(new AttributeTag(tag >>> 16, tag & 0xFFFF)) == null) {
                throw new DicomReadException(file, "element " + tagName(tag) + " of the header cannot be read");
            }
        }
    }

    /** "(0010,0010)" for a tag as {@link #headerTags} holds it. */
    public static String tagName(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /**
     * Walks a file's elements.
     *
     * @param transferSyntaxHint the transfer syntax to assume when the file has no meta
     *        information (as a network peer negotiated it, or PixelMed detected it); may be null
     * @throws DicomReadException naming the file and the element that does not fit
     */
    public static DataSetLayout of(Path file, String transferSyntaxHint) throws DicomReadException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Walk(file, channel, transferSyntaxHint).run();
        } catch (EOFException e) {
            throw new DicomReadException(file, "cut off: the file ends inside an element's header", e);
        } catch (IOException e) {
            throw new DicomReadException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** One walk over one file. */
    private static final class Walk {
        private final Path file;
        private final FileChannel channel;
        private final String hint;
        private ElementSource in;
        private boolean explicit = true;
        private boolean bigEndian;
        private final List<Integer> headerTags = new ArrayList<>();
        private final List<Element> elements = new ArrayList<>();
        /** The tag of the top-level element being walked (its items' elements leave it alone). */
        private int topTag;
        private PixelData pixelData;
        private boolean floatPixelData;
        private String metaTransferSyntax;
        /** Whether the walk is in the file meta information, which is explicit little endian. */
        private boolean inMeta;
        /**
         * The top-level tags seen, meta information included: PixelMed reads both into one list,
         * where a second element of a tag replaces the first.
         */
        private final Set<Integer> topLevel = new HashSet<>();

        Walk(Path file, FileChannel channel, String hint) {
            this.file = file;
            this.channel = channel;
            this.hint = hint;
        }

        DataSetLayout run() throws IOException, DicomReadException {
            long size = channel.size();
            if (size == 0) {
                throw refused("the file is empty");
            }
            ElementSource.FileSource fileSource = new ElementSource.FileSource(channel, size);
            in = fileSource;
            long start = preamble(fileSource, size);
            fileSource.seek(start);
            int firstGroup = size - start >= 4 ? fileSource.peekGroup() : -1;
            if (start == 0 && firstGroup != 0x0002 && firstGroup != 0x0008) {
                // without the Part 10 prefix, a data set starts with its meta information or with
                // the identifying group (0008), as old ACR-NEMA style files do
                throw refused("not a DICOM file: no \"DICM\" marker, and it does not start with a data set");
            }
            if (firstGroup == 0x0002) {
                walkMeta();
                if (metaTransferSyntax == null || metaTransferSyntax.isEmpty()) {
                    // PixelMed would guess ("Error: Transfer Syntax UID was not specified…"), and a
                    // guess that differs from ours could read lengths this walk never checked
                    throw refused("the file meta information has no Transfer Syntax UID");
                }
            }
            String ts = metaTransferSyntax != null ? metaTransferSyntax
                    : hint != null && !hint.isEmpty() ? hint : pixelMedGuess(fileSource);
            explicit = !IMPLICIT_LE.equals(ts);
            bigEndian = EXPLICIT_BE.equals(ts);
            if (DEFLATED.equals(ts)) {
                InputStream inflated = new InflaterInputStream(Channels.newInputStream(channel.position(in.position())),
                        new Inflater(true), 1 << 16);
                in = new ElementSource.StreamSource(inflated, DEFLATED_LIMIT);
            }
            walkDataSet(UNDEFINED, 0, true);
            return new DataSetLayout(ts, List.copyOf(headerTags), List.copyOf(elements), pixelData, floatPixelData);
        }

        /** Where the data set or meta information starts: after "DICM" at 128, else at 0. */
        private static long preamble(ElementSource.FileSource source, long size) throws IOException {
            if (size >= 132) {
                byte[] magic = new byte[4];
                source.seek(128);
                source.readFully(magic);
                if (magic[0] == 'D' && magic[1] == 'I' && magic[2] == 'C' && magic[3] == 'M') {
                    return 132;
                }
            }
            return 0;
        }

        /**
         * A bare data set is read in the encoding PixelMed's DicomInputStream guesses from its
         * first bytes, asked of PixelMed itself, so that both read the same lengths.
         */
        private String pixelMedGuess(ElementSource.FileSource source) throws IOException, DicomReadException {
            byte[] start = new byte[(int) Math.min(256, source.remaining())];
            long at = source.position();
            source.readFully(start);
            source.seek(at);
            try (DicomInputStream guess = new DicomInputStream(new ByteArrayInputStream(start))) {
                TransferSyntax ts = guess.getTransferSyntaxToReadDataSet();
                if (ts == null) {
                    throw refused("not a DICOM file: its encoding cannot be recognised");
                }
                return ts.getUID();
            } catch (IOException e) {
                throw refused("not a DICOM file (" + e.getMessage() + ")");
            }
        }

        /** Group 0002, always explicit little endian, read until the first element of another group. */
        private void walkMeta() throws IOException, DicomReadException {
            ElementSource.FileSource source = (ElementSource.FileSource) in;
            inMeta = true;
            while (source.remaining() >= 8 && source.peekGroup() == 0x0002) {
                element(UNDEFINED, 0, true, topLevel);
            }
            inMeta = false;
        }

        /**
         * Walks a data set: the top level (end UNDEFINED, ends with the file), an item of defined
         * length (ends at {@code end}) or of undefined length (ends with an item delimiter).
         */
        private void walkDataSet(long end, int depth, boolean top) throws IOException, DicomReadException {
            Set<Integer> seen = top ? topLevel : new HashSet<>();
            while (end == UNDEFINED || in.position() < end) {
                if (end == UNDEFINED && top && in.atEnd()) {
                    return;
                }
                long start = in.position();
                if (!element(end, depth, top, seen)) {
                    return;
                }
                if (top) {
                    elements.add(new Element(topTag, start, in.position()));
                }
            }
            if (in.position() != end) {
                throw refused("an element runs past the end of its sequence item");
            }
        }

        /** Walks one element; false when it was the item delimiter that ends an undefined-length item. */
        private boolean element(long end, int depth, boolean top, Set<Integer> seen) throws IOException, DicomReadException {
            int tag = tag();
            if (tag == ITEM_DELIMITATION) {
                in.skipFully(4);
                if (end == UNDEFINED && !top) {
                    return false;
                }
                throw refused("an item delimiter stands outside any item");
            }
            if ((tag >>> 16) == 0xFFFE) {
                throw refused("an item tag " + tagName(tag) + " stands outside any sequence");
            }
            if (!seen.add(tag)) {
                throw refused("the header holds element " + tagName(tag) + " twice");
            }
            if (top) {
                topTag = tag;
            }
            boolean meta = inMeta;
            boolean explicitHere = meta || explicit;
            byte[] vr = null;
            long length;
            if (explicitHere) {
                vr = new byte[] {(byte) in.read1(), (byte) in.read1()};
                if (vr[0] < 'A' || vr[0] > 'Z' || vr[1] < 'A' || vr[1] > 'Z') {
                    throw refused("element " + tagName(tag) + " has no valid value representation");
                }
                if (ValueRepresentation.isShortValueLengthVR(vr)) {
                    length = meta ? in.u16le() : u16();
                } else {
                    in.skipFully(2);
                    length = meta ? in.u32le() : u32();
                }
            } else {
                length = u32();
                vr = AttributeList.getDictionary().getValueRepresentationFromTag(new AttributeTag(tag >>> 16, tag & 0xFFFF));
            }
            if (top && pixelData == null && tag != PIXEL_DATA) {
                headerTags.add(tag);
            }
            if (tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA) {
                floatPixelData = true;
            }
            if (length == UNDEFINED) {
                if (top && tag == PIXEL_DATA) {
                    encapsulated();
                } else if (!explicitHere || ValueRepresentation.isSequenceVR(vr) || ValueRepresentation.isUnknownVR(vr)) {
                    sequence(tag, UNDEFINED, depth, !explicitHere || ValueRepresentation.isUnknownVR(vr));
                } else {
                    throw refused("element " + tagName(tag) + " has an undefined length");
                }
                return true;
            }
            fits(tag, length, end);
            if (top && tag == PIXEL_DATA) {
                pixelData = new PixelData(in.position(), length, false, 0, 0, -1, -1);
                in.skipFully(length);
            } else if (tag == TRANSFER_SYNTAX && meta) {
                byte[] value = new byte[(int) length];
                in.readFully(value);
                metaTransferSyntax = new String(value, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
            } else if (vr != null && ValueRepresentation.isSequenceVR(vr)) {
                sequence(tag, in.position() + length, depth, false);
            } else {
                in.skipFully(length);
            }
            return true;
        }

        /** The items of a sequence, up to {@code end} or its sequence delimiter when undefined. */
        private void sequence(int tag, long end, int depth, boolean implicitInside) throws IOException, DicomReadException {
            if (depth + 1 > MAX_DEPTH) {
                throw refused("sequences are nested more than " + MAX_DEPTH + " deep at " + tagName(tag));
            }
            boolean wasExplicit = explicit;
            boolean wasBigEndian = bigEndian;
            if (implicitInside) {
                // an undefined-length UN holds its items in Implicit VR Little Endian (PS3.5 6.2.2)
                explicit = false;
                bigEndian = false;
            }
            try {
                while (end == UNDEFINED || in.position() < end) {
                    int itemTag = tag();
                    long length = u32();
                    if (itemTag == SEQUENCE_DELIMITATION) {
                        if (end != UNDEFINED) {
                            throw refused("sequence " + tagName(tag) + " of defined length holds a sequence delimiter");
                        }
                        return;
                    }
                    if (itemTag != ITEM) {
                        throw refused("sequence " + tagName(tag) + " holds " + tagName(itemTag) + " where an item belongs");
                    }
                    if (length == UNDEFINED) {
                        walkDataSet(UNDEFINED, depth + 1, false);
                    } else {
                        fits(tag, length, end);
                        walkDataSet(in.position() + length, depth + 1, false);
                    }
                }
                if (in.position() != end) {
                    throw refused("sequence " + tagName(tag) + " runs past its declared length");
                }
            } catch (EOFException e) {
                throw refused("cut off inside sequence " + tagName(tag));
            } finally {
                explicit = wasExplicit;
                bigEndian = wasBigEndian;
            }
        }

        /** Encapsulated Pixel Data: the offset table item, then fragments up to the sequence delimiter. */
        private void encapsulated() throws IOException, DicomReadException {
            long valueOffset = in.position();
            int fragments = 0;
            int offsetEntries = -1;
            long firstOffset = -1;
            long firstLength = -1;
            try {
                while (true) {
                    int itemTag = tag();
                    long length = u32();
                    if (itemTag == SEQUENCE_DELIMITATION) {
                        break;
                    }
                    if (itemTag != ITEM || length == UNDEFINED) {
                        throw refused("the compressed Pixel Data holds " + tagName(itemTag) + " where a fragment belongs");
                    }
                    if (in.remaining() < length) {
                        throw refused("cut off: compressed fragment " + (fragments + 1) + " needs "
                                + grouped(length) + " bytes, the file holds " + grouped(in.remaining()));
                    }
                    if (offsetEntries < 0) {
                        offsetEntries = (int) (length / 4);
                    } else {
                        if (fragments == 0) {
                            firstOffset = in.position();
                            firstLength = length;
                        }
                        fragments++;
                    }
                    in.skipFully(length);
                }
            } catch (EOFException e) {
                throw refused("cut off: the compressed Pixel Data ends after " + fragments + " fragment"
                        + (fragments == 1 ? "" : "s") + ", without its closing delimiter");
            }
            pixelData = new PixelData(valueOffset, UNDEFINED, true, fragments, Math.max(0, offsetEntries), firstOffset,
                    firstLength);
        }

        private void fits(int tag, long length, long end) throws DicomReadException {
            long remaining = in.remaining();
            if (end != UNDEFINED) {
                remaining = Math.min(remaining, end - in.position());
            }
            if (length > remaining) {
                String what = tag == PIXEL_DATA ? "Pixel Data" : "element " + tagName(tag);
                throw refused("cut off: " + what + " needs " + grouped(length) + " bytes, the "
                        + (end != UNDEFINED && end - in.position() < in.remaining() ? "enclosing item" : "file")
                        + " holds " + grouped(Math.max(0, remaining)));
            }
        }

        private int tag() throws IOException {
            int group = u16();
            int element = u16();
            return group << 16 | element;
        }

        private int u16() throws IOException {
            return bigEndian ? in.u16be() : in.u16le();
        }

        private long u32() throws IOException {
            return bigEndian ? in.u32be() : in.u32le();
        }

        private DicomReadException refused(String reason) {
            return new DicomReadException(file, reason);
        }
    }

    /** "524,288" */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
