package org.fovea.dicom.net;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomOutputStream;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.CGetRequestCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.CMoveRequestCommandMessage;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.SCUSCPRoleSelection;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ReceiveFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One retrieve of a study or some of its series into the archive.
 *
 * <ol>
 * <li>Plan: an image-level C-FIND lists every instance the node holds for the request; what the
 * archive already stores is not fetched again (the archive commits an instance only once its
 * file is complete, so a stored instance is whole). A first C-MOVE of a study (nothing of it
 * stored) is planned from the series' counts instead, one series-level C-FIND, sparing the node
 * an image-level query: its objects are told by the C-MOVE their C-STOREs name.</li>
 * <li>Fetch the rest, series by series in series-number order (the first series can be opened
 * while the others arrive): a whole series by one series-level request, a partly stored series
 * by an image-level request listing the missing instances. All requests share one
 * association.</li>
 * <li>C-GET: objects come back on that association and are written once to the receive folder,
 * then moved into the archive by {@link Ingest} while the next one arrives. C-MOVE: the node
 * sends them to the workstation's listener (the running one, or one opened for this call),
 * which files them before acknowledging.</li>
 * </ol>
 *
 * A node that fails mid-way gives a {@link DicomNetworkFailure} saying how far it got; what was
 * completely received stays in the archive, nothing partial does, and running the retrieve again
 * fetches only the rest.
 */
final class Retrieval {

    private static final Logger LOG = LoggerFactory.getLogger(Retrieval.class);
    private static final String GET = SOPClass.StudyRootQueryRetrieveInformationModelGet;
    private static final String MOVE = SOPClass.StudyRootQueryRetrieveInformationModelMove;
    /**
     * What a C-GET proposes when the node names no SOP class (DCMTK's dcmqrscp answers neither SOP
     * Classes in Study nor an instance's SOP Class UID): the classes a radiology department's
     * studies hold, as getscu proposes a fixed list.
     */
    static final List<String> COMMON_STORAGE_CLASSES = List.of(SOPClass.CTImageStorage, SOPClass.EnhancedCTImageStorage,
            SOPClass.MRImageStorage, SOPClass.EnhancedMRImageStorage, SOPClass.ComputedRadiographyImageStorage,
            SOPClass.DigitalXRayImageStorageForPresentation, SOPClass.DigitalXRayImageStorageForProcessing,
            SOPClass.DigitalMammographyXRayImageStorageForPresentation,
            SOPClass.DigitalMammographyXRayImageStorageForProcessing, SOPClass.BreastTomosynthesisImageStorage,
            SOPClass.UltrasoundImageStorage, SOPClass.UltrasoundMultiframeImageStorage,
            SOPClass.XRayAngiographicImageStorage, SOPClass.XRayRadioFlouroscopicImageStorage,
            SOPClass.NuclearMedicineImageStorage, SOPClass.PETImageStorage, SOPClass.EnhancedPETImageStorage,
            SOPClass.RTImageStorage, SOPClass.SecondaryCaptureImageStorage,
            SOPClass.MultiframeGrayscaleByteSecondaryCaptureImageStorage,
            SOPClass.MultiframeGrayscaleWordSecondaryCaptureImageStorage,
            SOPClass.MultiframeTrueColorSecondaryCaptureImageStorage,
            SOPClass.GrayscaleSoftcopyPresentationStateStorage, SOPClass.KeyObjectSelectionDocumentStorage,
            SOPClass.BasicTextSRStorage, SOPClass.EnhancedSRStorage, SOPClass.ComprehensiveSRStorage,
            SOPClass.EncapsulatedPDFStorage);
    /** The standard allows 128 presentation contexts; one is the retrieve model's. */
    private static final int MAX_CONTEXTS = 127;

    private record Planned(String seriesUid, String sopUid, String sopClassUid, String seriesNumber) {
    }

    /** One request: a whole series (no instance list) or some of its instances. */
    private record Step(String seriesUid, List<String> sopUids) {
    }

    private final DicomClient client;
    private final DicomNode node;
    private final RetrieveRequest request;
    private final LocalArchive archive;
    private final TransferListener listener;
    private final CancelToken cancel;
    /** The study's SOP classes as the node lists them at study level; empty when it does not. */
    private final Set<String> studyClasses = new LinkedHashSet<>();

    Retrieval(DicomClient client, DicomNode node, RetrieveRequest request, LocalArchive archive,
              TransferListener listener, CancelToken cancel) {
        this.client = client;
        this.node = node;
        this.request = request;
        this.archive = archive;
        this.listener = listener;
        this.cancel = cancel;
    }

    RetrieveReport run() throws DicomNetworkFailure {
        long start = System.nanoTime();
        if (node.retrieveMethod() == RetrieveMethod.C_MOVE && nothingStored()) {
            Map<String, Integer> counts = seriesCounts();
            if (counts != null) {
                return firstMove(counts, start);
            }
        }
        List<Planned> planned = plan();
        long plannedAt = System.nanoTime();
        if (cancel.isCancelled()) {
            return new RetrieveReport(planned.size(), 0, 0, List.of(), true);
        }
        Set<String> stored = archive.storedAmong(planned.stream().map(Planned::sopUid).toList());
        List<Planned> missing = planned.stream().filter(p -> !stored.contains(p.sopUid())).toList();
        int present = planned.size() - missing.size();
        listener.progress(0, missing.size(), null);
        if (missing.isEmpty()) {
            return new RetrieveReport(planned.size(), 0, present, List.of(), false);
        }
        List<Step> steps = steps(planned, missing);
        Outcome outcome = node.retrieveMethod() == RetrieveMethod.C_MOVE
                ? new MoveRun(missing.stream().map(Planned::sopUid).toList(), missing.size()).run(steps)
                : new GetRun(missing).run(steps);
        Set<String> nowStored = archive.storedAmong(missing.stream().map(Planned::sopUid).toList());
        return report(outcome, missing.size(), present, missing.size() - nowStored.size(), start, plannedAt);
    }

    /**
     * What came of a transfer of {@code requested} images ({@code present} more were stored
     * already); throws when the node failed mid-way, saying how far it got.
     */
    private RetrieveReport report(Outcome outcome, int requested, int present, int stillMissing, long start,
                                  long plannedAt) throws DicomNetworkFailure {
        List<String> failures = new ArrayList<>(outcome.ingest.failures());
        if (outcome.failure != null && !outcome.cancelled) {
            throw new DicomNetworkFailure(outcome.failure + " after " + outcome.ingest.imported() + " of "
                    + requested + " images; run the retrieve again to fetch the other " + stillMissing + ".",
                    outcome.cause);
        }
        if (!outcome.cancelled && stillMissing > 0 && failures.isEmpty()) {
            failures.add(node.address() + " did not send " + stillMissing + " of the " + requested
                    + " images requested" + (outcome.nodeSays.isEmpty() ? "" : " (" + outcome.nodeSays + ")") + ".");
        }
        LOG.info("Retrieve of {} from {} by {}: {} received, {} already present, {} failures; planned in {} ms, "
                        + "transferred by {} ms, stored by {} ms", request.studyUid(), node.address(),
                node.retrieveMethod(), outcome.ingest.imported(), present, failures.size(),
                (plannedAt - start) / 1_000_000, (outcome.transferredAt - start) / 1_000_000,
                (System.nanoTime() - start) / 1_000_000);
        return new RetrieveReport(requested + present, outcome.ingest.imported(), present + outcome.ingest.duplicates(),
                failures, outcome.cancelled);
    }

    /** Whether the archive holds no image of the request (the study, or the series asked for). */
    private boolean nothingStored() {
        if (request.seriesUids().isEmpty()) {
            return archive.study(request.studyUid()).isEmpty();
        }
        return archive.series(request.studyUid()).stream().noneMatch(s -> request.seriesUids().contains(s.seriesUid()));
    }

    /**
     * The first C-MOVE of a study (nothing of it stored) needs no image-level C-FIND: nothing is to
     * be left out, and the node's C-STOREs name the C-MOVE they serve (Move Originator Message ID),
     * so they need not be told by their SOP Instance UIDs. One series-level C-FIND gives each
     * series' number and count: series in number order, counts for the progress and the check
     * that all came. Null when the node leaves a count out (DCMTK's dcmqrscp does): then the
     * instances are listed as for any retrieve.
     */
    private Map<String, Integer> seriesCounts() throws DicomNetworkFailure {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("StudyInstanceUID", request.studyUid());
        keys.put("SeriesInstanceUID", "");
        keys.put("SeriesNumber", "");
        keys.put("NumberOfSeriesRelatedInstances", "");
        List<QueryResult> series = new ArrayList<>(client.find(node, QueryLevel.SERIES, keys, cancel));
        series.removeIf(r -> !request.seriesUids().isEmpty() && !request.seriesUids().contains(r.get("SeriesInstanceUID")));
        series.sort(Comparator.comparingInt(r -> number(r.get("SeriesNumber"))));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (QueryResult r : series) {
            int count = number(r.get("NumberOfSeriesRelatedInstances"));
            if (count <= 0 || count == Integer.MAX_VALUE || r.get("SeriesInstanceUID").isEmpty()) {
                return null;
            }
            counts.put(r.get("SeriesInstanceUID"), count);
        }
        return counts.isEmpty() ? null : counts;
    }

    /** A first C-MOVE: each series by a series-level request, in series-number order. */
    private RetrieveReport firstMove(Map<String, Integer> counts, long start) throws DicomNetworkFailure {
        long plannedAt = System.nanoTime();
        int expected = counts.values().stream().mapToInt(Integer::intValue).sum();
        listener.progress(0, expected, null);
        if (cancel.isCancelled()) {
            return new RetrieveReport(expected, 0, 0, List.of(), true);
        }
        LOG.debug("First C-MOVE of {}: {} images in {} series by the node's counts", request.studyUid(), expected,
                counts.size());
        List<Step> steps = counts.keySet().stream().map(series -> new Step(series, List.of())).toList();
        Outcome outcome = new MoveRun(List.of(), expected).run(steps);
        int arrived = outcome.ingest.imported() + outcome.ingest.duplicates();
        return report(outcome, expected, 0, Math.max(0, expected - arrived), start, plannedAt);
    }

    /**
     * Lists the instances by one image-level C-FIND per requested series (or the study), and
     * their series numbers by a series-level C-FIND (one answer per series). A C-GET also needs
     * the SOP classes, to propose a context per class: one study-level C-FIND of SOP Classes in
     * Study when the node answers it, else each instance's SOP Class UID (a node such as Orthanc
     * reads every instance's file to answer that: ~150 ms for 300 CT images). The queries go out
     * together, each on its own association, so the plan takes as long as the longest of them.
     */
    private List<Planned> plan() throws DicomNetworkFailure {
        CompletableFuture<Boolean> classesKnown = node.retrieveMethod() == RetrieveMethod.C_MOVE
                ? CompletableFuture.completedFuture(true) : async(this::studySopClasses);
        List<String> series = request.seriesUids().isEmpty() ? List.of("") : request.seriesUids();
        List<Planned> planned = new ArrayList<>();
        for (String s : series) {
            CompletableFuture<Map<String, String>> numbers = async(() -> seriesNumbers(s));
            CompletableFuture<List<QueryResult>> images = async(() -> instances(s, false));
            List<QueryResult> found = await(images);
            if (!await(classesKnown)) {
                found = instances(s, true);
            }
            Map<String, String> numberOf = await(numbers);
            for (QueryResult r : found) {
                if (!r.get("SOPInstanceUID").isEmpty()) {
                    planned.add(new Planned(r.get("SeriesInstanceUID"), r.get("SOPInstanceUID"), r.get("SOPClassUID"),
                            numberOf.getOrDefault(r.get("SeriesInstanceUID"), "")));
                }
            }
        }
        return planned;
    }

    private Map<String, String> seriesNumbers(String seriesUid) throws DicomNetworkFailure {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("StudyInstanceUID", request.studyUid());
        keys.put("SeriesInstanceUID", seriesUid);
        keys.put("SeriesNumber", "");
        Map<String, String> numbers = new java.util.HashMap<>();
        for (QueryResult r : client.find(node, QueryLevel.SERIES, keys, cancel)) {
            numbers.put(r.get("SeriesInstanceUID"), r.get("SeriesNumber"));
        }
        return numbers;
    }

    private List<QueryResult> instances(String seriesUid, boolean withSopClasses) throws DicomNetworkFailure {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("StudyInstanceUID", request.studyUid());
        keys.put("SeriesInstanceUID", seriesUid);
        if (withSopClasses) {
            keys.put("SOPClassUID", "");
        }
        return client.find(node, QueryLevel.IMAGE, keys, cancel);
    }

    /**
     * For a C-GET, asks the node for the study's SOP Classes in Study (one answer, from its index)
     * instead of every instance's class; false when it does not say.
     */
    private boolean studySopClasses() throws DicomNetworkFailure {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("StudyInstanceUID", request.studyUid());
        keys.put("SOPClassesInStudy", "");
        for (QueryResult r : client.find(node, QueryLevel.STUDY, keys, cancel)) {
            for (String c : r.get("SOPClassesInStudy").split("\\\\")) {
                if (!c.isBlank()) {
                    studyClasses.add(c.trim());
                }
            }
        }
        return !studyClasses.isEmpty();
    }

    private interface Query<T> {
        T run() throws DicomNetworkFailure;
    }

    private static <T> CompletableFuture<T> async(Query<T> query) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return query.run();
            } catch (DicomNetworkFailure e) {
                throw new CompletionException(e);
            }
        }, PLANNERS);
    }

    private static <T> T await(CompletableFuture<T> f) throws DicomNetworkFailure {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DicomNetworkFailure d) {
                throw d;
            }
            throw e;
        }
    }

    private static final ExecutorService PLANNERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dicom-retrieve-plan");
        t.setDaemon(true);
        return t;
    });

    private static List<Step> steps(List<Planned> planned, List<Planned> missing) {
        Map<String, Long> heldPerSeries = new LinkedHashMap<>();
        planned.forEach(p -> heldPerSeries.merge(p.seriesUid(), 1L, Long::sum));
        Map<String, List<Planned>> missingPerSeries = new LinkedHashMap<>();
        missing.stream()
                .sorted(Comparator.comparingInt((Planned p) -> number(p.seriesNumber())))
                .forEach(p -> missingPerSeries.computeIfAbsent(p.seriesUid(), k -> new ArrayList<>()).add(p));
        List<Step> steps = new ArrayList<>();
        missingPerSeries.forEach((series, list) -> steps.add(list.size() == heldPerSeries.get(series)
                ? new Step(series, List.of())
                : new Step(series, list.stream().map(Planned::sopUid).toList())));
        return steps;
    }

    /** An IS value as a number; missing or not a number sorts last (and is no count). */
    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private AttributeList identifier(Step step) throws DicomException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("StudyInstanceUID", request.studyUid());
        keys.put("SeriesInstanceUID", step.seriesUid());
        AttributeList list;
        if (step.sopUids().isEmpty()) {
            list = Identifiers.query(QueryLevel.SERIES, keys);
        } else {
            keys.put("SOPInstanceUID", String.join("\\", step.sopUids()));
            list = Identifiers.query(QueryLevel.IMAGE, keys);
        }
        return list;
    }

    private static final class Outcome {
        Ingest ingest;
        String failure;
        Exception cause;
        boolean cancelled;
        String nodeSays = "";
        /** When the last response arrived (System.nanoTime), before the last images were stored. */
        long transferredAt;
    }

    // ---------------------------------------------------------------- C-GET

    private final class GetRun {
        private final List<Planned> missing;

        GetRun(List<Planned> missing) {
            this.missing = missing;
        }

        Outcome run(List<Step> steps) throws DicomNetworkFailure {
            Set<String> sopClasses = new LinkedHashSet<>(studyClasses);
            missing.stream().map(Planned::sopClassUid).filter(c -> !c.isEmpty()).forEach(sopClasses::add);
            if (sopClasses.isEmpty()) {
                sopClasses.addAll(COMMON_STORAGE_CLASSES);
            }
            LinkedList<SCUSCPRoleSelection> roles = new LinkedList<>();
            Association a = client.associate(node, contexts(sopClasses, roles), roles);
            Outcome outcome = new Outcome();
            ReceiveFolder folder = null;
            try (Ingest ingest = new Ingest(archive, listener, missing.size());
                 AssociationGuard guard = new AssociationGuard(a, client.settings().responseTimeoutSeconds(), cancel)) {
                outcome.ingest = ingest;
                folder = ReceiveFolder.create(archive, "get");
                RetrieveHandler handler = new RetrieveHandler(folder.path(), guard, ingest::submit);
                try {
                    a.setReceivedDataHandler(handler);
                    for (Step step : steps) {
                        ingest.flushQueued();
                        request(a, handler, GET, new CGetRequestCommandMessage(GET).getBytes(), step);
                        if (handler.failedSuboperations() > 0 || isFailure(handler.finalStatus())) {
                            outcome.nodeSays = "C-GET status " + DicomClient.hex(handler.finalStatus()) + ", "
                                    + handler.failedSuboperations() + " failed";
                        }
                    }
                    Associations.release(a);
                } catch (DicomNetworkException | AReleaseException | DicomException | IOException
                         | RuntimeException e) {
                    handler.discardPartial();
                    Associations.closeTransport(a);
                    outcome.cancelled = guard.cancelled();
                    outcome.cause = e;
                    outcome.failure = client.describe(node, "the retrieve", e, guard, "").replaceAll("\\.$", "");
                    LOG.info("C-GET from {} ended: {}", node.address(), outcome.failure, e);
                }
                outcome.transferredAt = System.nanoTime();
                ingest.finish();
            } catch (IOException e) {
                Associations.closeTransport(a);
                throw new DicomNetworkFailure("A receive folder cannot be created in " + archive.incomingDirectory()
                        + " (" + e.getMessage() + ").", e);
            } finally {
                if (folder != null) {
                    folder.close();
                }
            }
            return outcome;
        }

        /**
         * The retrieve model, then for every SOP class to come back one context with the
         * uncompressed syntaxes and one per compressed syntax the viewer decodes (a context
         * carries one accepted syntax, and the node keeps what it holds when it may).
         */
        private LinkedList<PresentationContext> contexts(Set<String> sopClasses, LinkedList<SCUSCPRoleSelection> roles) {
            LinkedList<PresentationContext> list = DicomClient.contexts(GET);
            int id = 3;
            List<String> uncompressed = List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian);
            List<String> compressed = DecodableStorePolicy.DECODABLE.stream()
                    .filter(ts -> !uncompressed.contains(ts)).toList();
            boolean withCompressed = sopClasses.size() * (1 + compressed.size()) <= MAX_CONTEXTS - 1;
            for (String sopClass : sopClasses) {
                if (sopClass.isEmpty() || list.size() >= MAX_CONTEXTS) {
                    continue;
                }
                list.add(new PresentationContext((byte) id, sopClass, new LinkedList<>(uncompressed)));
                id += 2;
                if (withCompressed) {
                    for (String ts : compressed) {
                        list.add(new PresentationContext((byte) id, sopClass, ts));
                        id += 2;
                    }
                }
                roles.add(new SCUSCPRoleSelection(sopClass, false, true));
            }
            return list;
        }
    }

    /**
     * Sends one C-GET or C-MOVE request for {@code step} and waits for its final response (a
     * C-GET's objects come back on the association meanwhile, a C-MOVE's go to the listener).
     */
    private void request(Association a, RetrieveHandler handler, String model, byte[] command, Step step)
            throws DicomNetworkException, DicomException, IOException, AReleaseException {
        handler.reset();
        byte pc = a.getSuitablePresentationContextID(model);
        a.send(pc, command, null);
        a.send(pc, null, encode(identifier(step), a.getTransferSyntaxForPresentationContextID(pc)));
        a.waitForPDataPDUsUntilHandlerReportsDone();
    }

    private static boolean isFailure(int status) {
        return status != 0x0000 && status != 0xFF00 && status != 0xFF01;
    }

    private static byte[] encode(AttributeList identifier, String transferSyntaxUid) throws IOException, DicomException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DicomOutputStream out = new DicomOutputStream(bytes, null, transferSyntaxUid);
        identifier.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- C-MOVE

    /**
     * A C-MOVE's run: the node sends the objects to this workstation's listener, which hands this
     * retrieve those it expects. Expected are the instances listed by UID, and every object whose
     * C-STORE names one of this run's C-MOVEs as its Move Originator (Orthanc and DCMTK name it; a
     * first C-MOVE lists no UIDs). A node that names no originator is taken at its word by its
     * AE title, as it sends on a first C-MOVE.
     */
    private final class MoveRun implements StoreScp.Arrivals {
        private final int total;
        private final Set<String> expected = ConcurrentHashMap.newKeySet();
        /** The Message IDs of this run's C-MOVE requests. */
        private final Set<Integer> moves = ConcurrentHashMap.newKeySet();
        private final boolean listed;
        private final AtomicInteger arrived = new AtomicInteger();
        private String destination;
        private ReceiveFolder folder;
        private Ingest ingest;
        private AssociationGuard guard;

        MoveRun(List<String> missingUids, int total) {
            this.total = total;
            this.listed = !missingUids.isEmpty();
            expected.addAll(missingUids);
        }

        @Override
        public boolean expects(StoreRequest store, String callingAeTitle) {
            if (expected.contains(store.sopInstanceUid())) {
                return true;
            }
            if (store.moveOriginatorMessageId() >= 0) {
                return !listed && moves.contains(store.moveOriginatorMessageId())
                        && store.moveOriginatorAeTitle().equals(destination);
            }
            return !listed && callingAeTitle.trim().equals(node.aeTitle());
        }

        @Override
        public Path folder() {
            return folder.path();
        }

        /** Queues the file: the C-STORE is answered without waiting for it to be parsed and indexed. */
        @Override
        public void accept(ReceivedFile received, StoreScp.StoreListener told) throws IOException {
            guard.touch();
            expected.remove(received.sopInstanceUid());
            try {
                ingest.submit(received, told);
                arrived.incrementAndGet();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the retrieve has ended: the sender is told it was not stored
                Ingest.deleteQuietly(received.path());
                throw new IOException("the retrieve of " + received.sopInstanceUid() + " has ended", e);
            }
        }

        Outcome run(List<Step> steps) throws DicomNetworkFailure {
            StoreScp running = client.storeScp();
            StoreScp temporary = null;
            if (running == null) {
                try {
                    temporary = StoreScp.start(client.settings(), archive, StoreScp.StoreListener.none());
                } catch (IOException e) {
                    throw new DicomNetworkFailure("A C-MOVE from " + node.address() + " needs this workstation's listener, "
                            + "but " + e.getMessage(), e);
                }
            }
            StoreScp scp = running != null ? running : temporary;
            destination = scp.aeTitle();
            Outcome outcome = new Outcome();
            try (Ingest counts = new Ingest(archive, listener, total)) {
                ingest = counts;
                outcome.ingest = counts;
                try {
                    folder = ReceiveFolder.create(archive, "move");
                } catch (IOException e) {
                    throw new DicomNetworkFailure("A receive folder cannot be created in " + archive.incomingDirectory()
                            + " (" + e.getMessage() + ").", e);
                }
                Association a = client.associate(node, DicomClient.contexts(MOVE), new LinkedList<>());
                try (AssociationGuard g = new AssociationGuard(a, client.settings().responseTimeoutSeconds(), cancel)) {
                    guard = g;
                    scp.register(this);
                    RetrieveHandler responses = new RetrieveHandler(folder.path(), g, r -> {
                        throw new IllegalStateException("a C-STORE on the C-MOVE association");
                    });
                    try {
                        a.setReceivedDataHandler(responses);
                        for (Step step : steps) {
                            CMoveRequestCommandMessage move = new CMoveRequestCommandMessage(MOVE, destination);
                            moves.add(move.getMessageID());
                            request(a, responses, MOVE, move.getBytes(), step);
                            int status = responses.finalStatus();
                            if (isFailure(status) && arrived.get() == 0) {
                                throw new DicomNetworkFailure(client.describe(node, "the retrieve (C-MOVE to "
                                        + destination + ")", new DicomNetworkException("C-MOVE failure status 0x"
                                        + Integer.toHexString(status)), null, ""));
                            }
                            if (responses.failedSuboperations() > 0 || isFailure(status)) {
                                outcome.nodeSays = "C-MOVE status " + DicomClient.hex(status) + ", "
                                        + responses.failedSuboperations() + " failed";
                            }
                        }
                        Associations.release(a);
                    } catch (DicomNetworkException | AReleaseException | DicomException | IOException
                             | RuntimeException e) {
                        Associations.closeTransport(a);
                        outcome.cancelled = guard.cancelled();
                        outcome.cause = e;
                        outcome.failure = client.describe(node, "the retrieve", e, guard, "").replaceAll("\\.$", "");
                        LOG.info("C-MOVE from {} ended: {}", node.address(), outcome.failure, e);
                    } catch (DicomNetworkFailure refused) {
                        Associations.closeTransport(a);
                        throw refused;
                    }
                } finally {
                    scp.unregister(this);
                }
                outcome.transferredAt = System.nanoTime();
                counts.finish();
            } finally {
                if (temporary != null) {
                    temporary.close();
                }
                if (folder != null) {
                    folder.close();
                }
            }
            return outcome;
        }
    }
}
