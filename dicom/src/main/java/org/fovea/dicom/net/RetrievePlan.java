package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a retrieve asks the node before it fetches: the instances it holds for the request, their
 * series numbers and SOP classes, or for a first C-MOVE only each series' count; and the requests
 * (steps) that fetch what the archive lacks.
 */
final class RetrievePlan {

    /** An instance the node holds. */
    record Planned(String seriesUid, String sopUid, String sopClassUid, String seriesNumber) {
    }

    private final DicomClient client;
    private final DicomNode node;
    private final RetrieveRequest request;
    private final CancelToken cancel;
    /** The study's SOP classes as the node lists them at study level; empty when it does not. */
    private final Set<String> studyClasses = new LinkedHashSet<>();

    RetrievePlan(RetrieveContext context) {
        this.client = context.client();
        this.node = context.node();
        this.request = context.request();
        this.cancel = context.cancel();
    }

    /** The study's SOP classes as the node listed them at study level (C-GET only); empty when it did not. */
    Set<String> studyClasses() {
        return studyClasses;
    }

    /**
     * The first C-MOVE of a study (nothing of it stored) needs no image-level C-FIND: nothing is to
     * be left out, and the node's C-STOREs name the C-MOVE they serve (Move Originator Message ID),
     * so they need not be told by their SOP Instance UIDs. One series-level C-FIND gives each
     * series' number and count: series in number order, counts for the progress and the check
     * that all came. Null when the node leaves a count out (DCMTK's dcmqrscp does): then the
     * instances are listed as for any retrieve.
     */
    Map<String, Integer> seriesCounts() throws DicomNetworkFailure {
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

    /**
     * Lists the instances by one image-level C-FIND per requested series (or the study), and
     * their series numbers by a series-level C-FIND (one answer per series). A C-GET also needs
     * the SOP classes, to propose a context per class: one study-level C-FIND of SOP Classes in
     * Study when the node answers it, else each instance's SOP Class UID (a node such as Orthanc
     * reads every instance's file to answer that: ~150 ms for 300 CT images). The queries go out
     * together, each on its own association, so the plan takes as long as the longest of them.
     */
    List<Planned> plan() throws DicomNetworkFailure {
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

    static List<RetrieveSteps.Step> steps(List<Planned> planned, List<Planned> missing) {
        Map<String, Long> heldPerSeries = new LinkedHashMap<>();
        planned.forEach(p -> heldPerSeries.merge(p.seriesUid(), 1L, Long::sum));
        Map<String, List<Planned>> missingPerSeries = new LinkedHashMap<>();
        missing.stream()
                .sorted(Comparator.comparingInt((Planned p) -> number(p.seriesNumber())))
                .forEach(p -> missingPerSeries.computeIfAbsent(p.seriesUid(), k -> new ArrayList<>()).add(p));
        List<RetrieveSteps.Step> steps = new ArrayList<>();
        missingPerSeries.forEach((series, list) -> steps.add(list.size() == heldPerSeries.get(series)
                ? new RetrieveSteps.Step(series, List.of())
                : new RetrieveSteps.Step(series, list.stream().map(Planned::sopUid).toList())));
        return steps;
    }

    /** An IS value as a number; missing or not a number sorts last (and is no count). */
    static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
