package org.fovea.registration;

import org.fovea.dicom.DataSetLayout;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.HeaderReader;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.LibraryOutput;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Images a technician uploads by hand into an exam (T4), from files or folders (walked through
 * their subfolders): which files belong to the exam, and why each other one does not. A check and
 * a plan only; it reads the files' headers and the department database and changes nothing. The
 * caller stores the accepted files in the local archive, those marked {@link Accepted#fillAccession}
 * as a copy carrying the exam's accession number, and leaves the order's status alone (the
 * technician's Done marks it examined).
 *
 * <p>A file is accepted when it is a readable DICOM file, its Patient ID is the order's patient's
 * (exactly: a hospital's patient ID is its key), and its Accession Number is the exam's. A file
 * without an Accession Number (a device that took no worklist, a disc from elsewhere) is the
 * exam's when its Study Instance UID is the one the exam's booking gave it through the worklist;
 * otherwise when nothing says its study is another exam's: no other file of its study in this
 * upload carries another accession number. Whatever accession a file carries, it is refused when
 * its study is another exam's by its identifiers: the Study Instance UID booked for another exam,
 * or a study the local archive already holds under another accession number (the archive keeps a
 * study's first attributes, so its images would sit in that exam). A cancelled exam takes nothing.
 * Files without a Study Instance UID belong to no study and are refused.
 */
public final class HandUpload {

    /** DICOMDIR indexes a medium; its images are the other files, so it is passed over, as the import does. */
    private static final String DICOMDIR = "DICOMDIR";

    /** What the local archive already holds of a study. */
    @FunctionalInterface
    public interface StoredStudies {
        /** The accession number the archive's study carries ("" for none), or empty when it is not stored. */
        Optional<String> accessionOf(String studyInstanceUid);

        static StoredStudies none() {
            return uid -> Optional.empty();
        }
    }

    /**
     * A file that goes into the exam.
     *
     * @param fillAccession it carries no accession number: stored as a copy carrying the exam's
     */
    public record Accepted(Path file, String sopInstanceUid, String studyInstanceUid, boolean fillAccession) {
    }

    /** A file that does not go into the exam, with the reason (one sentence without the file's name). */
    public record Refused(Path file, String reason) {
        /** The file and the reason, as a list shows it. */
        public String message() {
            return file + ": " + reason;
        }
    }

    /** What the check found: the exam and its patient, the files accepted and those refused, each in walk order. */
    public record Report(Order order, Patient patient, List<Accepted> accepted, List<Refused> refused) {
        public Report {
            accepted = List.copyOf(accepted);
            refused = List.copyOf(refused);
        }

        /** The patient as the desk names them: ID and name (王建国). */
        public String patientLabel() {
            return patient.patientId() + " " + Labels.name(patient.name());
        }
    }

    private final Registrations registrations;
    private final Schedule schedule;

    public HandUpload(Registrations registrations) {
        this.registrations = registrations;
        // read only: the clock is never asked
        this.schedule = new Schedule(registrations, Clock.systemUTC());
    }

    /**
     * Checks files and folders for the exam of {@code accession}.
     *
     * @param stored what the local archive holds already; {@link StoredStudies#none()} when nothing
     * @throws IllegalArgumentException when there is no exam of that accession number
     */
    public Report check(String accession, List<Path> paths, StoredStudies stored) {
        Order order = registrations.order(accession).orElseThrow(() -> new IllegalArgumentException(
                "There is no exam " + accession));
        Patient patient = registrations.patient(order.patientId()).orElseThrow(() -> new IllegalStateException(
                "Exam " + accession + " names patient " + order.patientId() + ", who is not registered"));
        List<Refused> refused = new ArrayList<>();
        List<Path> files = files(paths, refused);
        if (order.status().equals("CANCELLED")) {
            for (Path f : files) {
                refused.add(new Refused(f, "exam " + accession + " is cancelled, so no image is taken into it"));
            }
            return new Report(order, patient, List.of(), refused);
        }
        // every header first: whether a file without an accession is the exam's depends on the others of its study
        Map<Path, ImageHeader> headers = new LinkedHashMap<>();
        Map<Path, String> unreadable = new HashMap<>();
        for (Path f : files) {
            try {
                headers.put(f, header(f));
            } catch (DicomReadException e) {
                unreadable.put(f, notDicom(e.reason()));
            }
        }
        Studies studies = new Studies(order, stored, headers.values());
        List<Accepted> accepted = new ArrayList<>();
        for (Path f : files) {
            ImageHeader h = headers.get(f);
            String reason = h == null ? unreadable.get(f) : studies.refusal(h, patient);
            if (reason != null) {
                refused.add(new Refused(f, reason));
            } else {
                accepted.add(new Accepted(f, h.sopInstanceUid(), h.studyInstanceUid(), h.accessionNumber().isEmpty()));
            }
        }
        return new Report(order, patient, accepted, refused);
    }

    /**
     * The header, after the element walk has found the file's framing sound: PixelMed allocates
     * each value by its declared length, so a stray file is never handed to it unwalked.
     */
    private static ImageHeader header(Path file) throws DicomReadException {
        try (LibraryOutput.Scope about = LibraryOutput.about(file)) {
            DataSetLayout.of(file, null);
        }
        return HeaderReader.read(file);
    }

    /** "not a DICOM file (…)" for what the walk or the reader said. */
    private static String notDicom(String reason) {
        for (String prefix : List.of("not a DICOM file: ", "not a DICOM file ")) {
            if (reason.startsWith(prefix)) {
                String detail = reason.substring(prefix.length());
                return "not a DICOM file (" + (detail.startsWith("(") && detail.endsWith(")")
                        ? detail.substring(1, detail.length() - 1) : detail) + ")";
            }
        }
        return "not a DICOM file (" + reason + ")";
    }

    /** What is known of each study the upload brings: its booking, the archive's row, its files' accession numbers. */
    private final class Studies {
        private final Order order;
        private final StoredStudies stored;
        private final String bookedStudy;
        private final Map<String, Set<String>> accessions = new HashMap<>();
        private final Map<String, Optional<Booking>> bookings = new HashMap<>();
        private final Map<String, Optional<String>> archived = new HashMap<>();

        Studies(Order order, StoredStudies stored, Iterable<ImageHeader> headers) {
            this.order = order;
            this.stored = stored;
            this.bookedStudy = schedule.booking(order.accessionNumber()).map(Booking::studyUid).orElse("");
            for (ImageHeader h : headers) {
                if (!h.accessionNumber().isEmpty()) {
                    accessions.computeIfAbsent(h.studyInstanceUid(), k -> new TreeSet<>()).add(h.accessionNumber());
                }
            }
        }

        /** Why a readable file is not the exam's, or null when it is. */
        String refusal(ImageHeader h, Patient patient) {
            String exam = order.accessionNumber();
            if (!h.patientId().equals(patient.patientId())) {
                return (h.patientId().isEmpty() ? "no patient ID" : "patient ID " + h.patientId()) + ", but exam "
                        + exam + " is patient " + patient.patientId() + " (" + Labels.name(patient.name()) + ")";
            }
            if (!h.accessionNumber().isEmpty() && !h.accessionNumber().equals(exam)) {
                return "accession number " + h.accessionNumber() + ", but the upload is into exam " + exam;
            }
            String study = h.studyInstanceUid();
            if (study.isEmpty()) {
                return "no Study Instance UID, so it belongs to no exam";
            }
            Optional<Booking> booked = bookings.computeIfAbsent(study, schedule::bookingOfStudy);
            if (booked.isPresent() && !booked.get().accessionNumber().equals(exam)) {
                return "its study " + study + " is the one booked for exam " + booked.get().accessionNumber()
                        + ", not " + exam;
            }
            Optional<String> inArchive = archived.computeIfAbsent(study, stored::accessionOf);
            if (inArchive.isPresent() && !inArchive.get().isEmpty() && !inArchive.get().equals(exam)) {
                return "its study " + study + " is in the local archive as exam " + inArchive.get() + ", not " + exam;
            }
            if (h.accessionNumber().isEmpty() && !study.equals(bookedStudy)) {
                Set<String> others = new TreeSet<>(accessions.getOrDefault(study, Set.of()));
                others.remove(exam);
                if (!others.isEmpty()) {
                    return "no accession number, and other files of its study carry " + String.join(", ", others)
                            + ", not " + exam;
                }
            }
            return null;
        }
    }

    /**
     * The files of the paths, each folder walked in name order, each file once (a folder and a file
     * in it both named); what cannot be walked is refused.
     */
    private static List<Path> files(List<Path> paths, List<Refused> refused) {
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                if (seen.add(p.toAbsolutePath().normalize())) {
                    files.add(p);
                }
            } else if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !f.getFileName().toString().equals(DICOMDIR)) {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            refused.add(new Refused(f, "cannot be read (" + e.getMessage() + ")"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    refused.add(new Refused(p, "the folder cannot be read (" + e.getMessage() + ")"));
                }
                found.sort(Comparator.naturalOrder());
                found.stream().filter(f -> seen.add(f.toAbsolutePath().normalize())).forEach(files::add);
            } else {
                refused.add(new Refused(p, "no such file or folder"));
            }
        }
        return files;
    }
}
