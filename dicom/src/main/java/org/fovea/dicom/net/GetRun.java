package org.fovea.dicom.net;

import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.AReleaseException;
import com.pixelmed.network.Association;
import com.pixelmed.network.CGetRequestCommandMessage;
import com.pixelmed.network.DicomNetworkException;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.SCUSCPRoleSelection;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.ReceiveFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * A C-GET's run: one association, the objects coming back on it, each written once to a receive
 * folder and checked before its C-STORE is answered, then moved into the archive by {@link Ingest}
 * while the next arrives.
 */
final class GetRun {

    private static final Logger LOG = LoggerFactory.getLogger(GetRun.class);
    private static final String GET = SOPClass.StudyRootQueryRetrieveInformationModelGet;
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

    private final RetrieveContext context;
    private final Set<String> studyClasses;
    private final List<RetrievePlan.Planned> missing;

    GetRun(RetrieveContext context, Set<String> studyClasses, List<RetrievePlan.Planned> missing) {
        this.context = context;
        this.studyClasses = studyClasses;
        this.missing = missing;
    }

    RetrieveSteps.Outcome run(List<RetrieveSteps.Step> steps) throws DicomNetworkFailure {
        DicomClient client = context.client();
        DicomNode node = context.node();
        LocalArchive archive = context.archive();
        Set<String> sopClasses = new LinkedHashSet<>(studyClasses);
        missing.stream().map(RetrievePlan.Planned::sopClassUid).filter(c -> !c.isEmpty()).forEach(sopClasses::add);
        if (sopClasses.isEmpty()) {
            sopClasses.addAll(COMMON_STORAGE_CLASSES);
        }
        LinkedList<SCUSCPRoleSelection> roles = new LinkedList<>();
        Association a = client.associate(node, contexts(sopClasses, roles), roles);
        RetrieveSteps.Outcome outcome = new RetrieveSteps.Outcome();
        ReceiveFolder folder = null;
        try (Ingest ingest = new Ingest(archive, context.listener(), missing.size());
             AssociationGuard guard = new AssociationGuard(a, client.settings().responseTimeoutSeconds(),
                     context.cancel())) {
            outcome.ingest = ingest;
            folder = ReceiveFolder.create(archive, "get");
            RetrieveHandler handler = new RetrieveHandler(folder.path(), guard, f -> ingest.receive(f, null));
            try {
                a.setReceivedDataHandler(handler);
                for (RetrieveSteps.Step step : steps) {
                    ingest.flushQueued();
                    RetrieveSteps.request(a, handler, GET, new CGetRequestCommandMessage(GET).getBytes(),
                            context.request().studyUid(), step);
                    if (handler.failedSuboperations() > 0 || RetrieveSteps.isFailure(handler.finalStatus())) {
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
