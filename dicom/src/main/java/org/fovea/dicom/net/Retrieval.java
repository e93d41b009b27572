package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final RetrieveContext context;
    private final RetrievePlan plan;
    /** Images this retrieve's checks refused: not asked for again. */
    private final Set<String> refused = new HashSet<>();
    /** Images that arrived and were refused or could not be stored. */
    private int failedImages;
    /** What the node said of its last run's sub-operations, when some failed. */
    private String nodeSays = "";

    Retrieval(DicomClient client, DicomNode node, RetrieveRequest request, LocalArchive archive,
              TransferListener listener, CancelToken cancel) {
        this(new RetrieveContext(client, node, request, archive, listener, cancel));
    }

    private Retrieval(RetrieveContext context) {
        this.context = context;
        this.plan = new RetrievePlan(context);
    }

    RetrieveReport run() throws DicomNetworkFailure {
        RetrieveReport report = attempt(true);
        if (context.node().retrieveMethod() == RetrieveMethod.C_MOVE && !report.cancelled() && !refused.isEmpty()
                && unaccounted(report) > 0) {
            // a node may end a C-MOVE at the first C-STORE answered with a failure (Orthanc does):
            // the images after the refused one were never sent. One more run, listing what is
            // still missing without the refused images, brings them.
            LOG.info("C-MOVE of {} from {} ended at a refused image; asking again for the images it did not send: {}",
                    context.request().studyUid(), context.node().address(), unaccounted(report));
            RetrieveReport rest = attempt(false);
            List<String> failures = new ArrayList<>(report.failures());
            failures.addAll(rest.failures());
            report = new RetrieveReport(report.expected(), report.received() + rest.received(), report.alreadyPresent(),
                    failures, rest.cancelled());
        }
        int missing = unaccounted(report);
        if (report.cancelled() || missing <= 0) {
            return report;
        }
        List<String> failures = new ArrayList<>(report.failures());
        failures.add(context.node().address() + " did not send " + missing + " of the " + report.expected()
                + " images requested" + (nodeSays.isEmpty() ? "" : " (" + nodeSays + ")") + ".");
        return new RetrieveReport(report.expected(), report.received(), report.alreadyPresent(), failures, false);
    }

    /** Images the node holds that are neither stored nor known to have failed. */
    private int unaccounted(RetrieveReport r) {
        return r.expected() - r.received() - r.alreadyPresent() - failedImages;
    }

    /**
     * Plans and fetches what the archive lacks, leaving out what was refused; a first C-MOVE of
     * the study (when {@code firstMoveAllowed}) is planned from the series' counts.
     */
    private RetrieveReport attempt(boolean firstMoveAllowed) throws DicomNetworkFailure {
        long start = System.nanoTime();
        if (firstMoveAllowed && context.node().retrieveMethod() == RetrieveMethod.C_MOVE && nothingStored()) {
            Map<String, Integer> counts = plan.seriesCounts();
            if (counts != null) {
                return firstMove(counts, start);
            }
        }
        List<RetrievePlan.Planned> planned = plan.plan();
        long plannedAt = System.nanoTime();
        if (context.cancel().isCancelled()) {
            return new RetrieveReport(planned.size(), 0, 0, List.of(), true);
        }
        Set<String> stored = context.archive().storedAmong(uids(planned));
        List<RetrievePlan.Planned> missing = planned.stream()
                .filter(p -> !stored.contains(p.sopUid()) && !refused.contains(p.sopUid())).toList();
        int present = stored.size();
        context.listener().progress(0, missing.size(), null);
        if (missing.isEmpty()) {
            return new RetrieveReport(planned.size(), 0, present, List.of(), false);
        }
        List<RetrieveSteps.Step> steps = RetrievePlan.steps(planned, missing);
        RetrieveSteps.Outcome outcome = context.node().retrieveMethod() == RetrieveMethod.C_MOVE
                ? new MoveRun(context, uids(missing), missing.size()).run(steps)
                : new GetRun(context, plan.studyClasses(), missing).run(steps);
        Set<String> nowStored = context.archive().storedAmong(uids(missing));
        return report(outcome, missing.size(), present, missing.size() - nowStored.size(), start, plannedAt);
    }

    private static List<String> uids(List<RetrievePlan.Planned> instances) {
        return instances.stream().map(RetrievePlan.Planned::sopUid).toList();
    }

    /**
     * What came of a transfer of {@code requested} images ({@code present} more were stored
     * already); throws when the node failed mid-way, saying how far it got.
     */
    private RetrieveReport report(RetrieveSteps.Outcome outcome, int requested, int present, int stillMissing,
                                  long start, long plannedAt) throws DicomNetworkFailure {
        List<String> failures = outcome.ingest.failures();
        refused.addAll(outcome.ingest.refusedUids());
        failedImages += outcome.ingest.failedImages();
        nodeSays = outcome.nodeSays;
        if (outcome.failure != null && !outcome.cancelled) {
            throw new DicomNetworkFailure(outcome.failure + " after " + outcome.ingest.imported() + " of "
                    + requested + " images; run the retrieve again to fetch the other " + stillMissing + ".",
                    outcome.cause);
        }
        LOG.info("Retrieve of {} from {} by {}: {} received, {} already present, {} failures; planned in {} ms, "
                        + "transferred by {} ms, stored by {} ms", context.request().studyUid(),
                context.node().address(),
                context.node().retrieveMethod(), outcome.ingest.imported(), present, failures.size(),
                (plannedAt - start) / 1_000_000, (outcome.transferredAt - start) / 1_000_000,
                (System.nanoTime() - start) / 1_000_000);
        return new RetrieveReport(requested + present, outcome.ingest.imported(), present + outcome.ingest.duplicates(),
                failures, outcome.cancelled);
    }

    /** Whether the archive holds no image of the request (the study, or the series asked for). */
    private boolean nothingStored() {
        if (context.request().seriesUids().isEmpty()) {
            return context.archive().study(context.request().studyUid()).isEmpty();
        }
        List<String> asked = context.request().seriesUids();
        return context.archive().series(context.request().studyUid()).stream()
                .noneMatch(s -> asked.contains(s.seriesUid()));
    }

    /** A first C-MOVE: each series by a series-level request, in series-number order. */
    private RetrieveReport firstMove(Map<String, Integer> counts, long start) throws DicomNetworkFailure {
        long plannedAt = System.nanoTime();
        int expected = counts.values().stream().mapToInt(Integer::intValue).sum();
        context.listener().progress(0, expected, null);
        if (context.cancel().isCancelled()) {
            return new RetrieveReport(expected, 0, 0, List.of(), true);
        }
        LOG.debug("First C-MOVE of {}: {} images in {} series by the node's counts", context.request().studyUid(),
                expected,
                counts.size());
        List<RetrieveSteps.Step> steps = counts.keySet().stream()
                .map(series -> new RetrieveSteps.Step(series, List.of())).toList();
        RetrieveSteps.Outcome outcome = new MoveRun(context, List.of(), expected)
                .run(steps);
        int arrived = outcome.ingest.imported() + outcome.ingest.duplicates();
        return report(outcome, expected, 0, Math.max(0, expected - arrived), start, plannedAt);
    }
}
