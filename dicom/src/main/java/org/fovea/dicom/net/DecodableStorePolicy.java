package org.fovea.dicom.net;

import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.CompositeInstanceStoreAbstractSyntaxSelectionPolicy;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;
import com.pixelmed.network.TransferSyntaxSelectionPolicy;
import org.fovea.dicom.TransferSyntaxSupport;

import java.util.LinkedList;
import java.util.List;

/**
 * What the listener accepts: storage SOP classes and verification, in any transfer syntax the
 * workstation can decode (so nothing is stored that the viewer would refuse), preferring the
 * sender's own order so that data arrives, and is kept, as the sender holds it.
 */
final class DecodableStorePolicy implements PresentationContextSelectionPolicy {

    /** The transfer syntaxes offered when the workstation proposes storage (C-GET), uncompressed first. */
    static final List<String> DECODABLE = List.of(TransferSyntax.ExplicitVRLittleEndian,
            TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRBigEndian, TransferSyntax.JPEGLosslessSV1,
            TransferSyntax.JPEGLossless, TransferSyntax.RLE, TransferSyntax.JPEGBaseline,
            TransferSyntax.DeflatedExplicitVRLittleEndian).stream()
            .filter(DecodableStorePolicy::decodes).toList();

    private final CompositeInstanceStoreAbstractSyntaxSelectionPolicy abstractSyntaxes =
            new CompositeInstanceStoreAbstractSyntaxSelectionPolicy();
    private final TransferSyntaxSelectionPolicy transferSyntaxes = new DecodableOnly();

    static boolean decodes(String transferSyntaxUid) {
        return TransferSyntaxSupport.unsupportedReason(transferSyntaxUid).isEmpty();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber, int debugLevel) {
        return applyPresentationContextSelectionPolicy(contexts, associationNumber);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber) {
        LinkedList selected = abstractSyntaxes.applyAbstractSyntaxSelectionPolicy(contexts, associationNumber);
        selected = transferSyntaxes.applyTransferSyntaxSelectionPolicy(selected, associationNumber);
        return transferSyntaxes.applyExplicitTransferSyntaxPreferencePolicy(selected, associationNumber);
    }

    private static final class DecodableOnly extends TransferSyntaxSelectionPolicy {
        /** PixelMed's result/reason code for "transfer syntaxes not supported (provider rejection)". */
        private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

        @Override
        @SuppressWarnings("rawtypes")
        public LinkedList applyTransferSyntaxSelectionPolicy(LinkedList contexts, int associationNumber) {
            for (Object o : contexts) {
                PresentationContext pc = (PresentationContext) o;
                List<?> proposed = List.copyOf(pc.getTransferSyntaxUIDs());
                pc.newTransferSyntaxUIDs();
                for (Object ts : proposed) {
                    if (ts != null && decodes((String) ts)) {
                        pc.addTransferSyntaxUID((String) ts);
                    }
                }
                if (pc.getTransferSyntaxUIDs().isEmpty()) {
                    pc.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
                }
            }
            return contexts;
        }
    }
}
