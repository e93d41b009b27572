package org.fovea.registration.worklist;

import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.network.PresentationContext;
import com.pixelmed.network.PresentationContextSelectionPolicy;

import java.util.LinkedList;
import java.util.List;

/**
 * What the worklist accepts in an association request: Modality Worklist Find and Verification,
 * each in Explicit VR Little Endian when the modality offers it, else Implicit VR Little Endian
 * (the one every DICOM node must support). Nothing else: no storage, no composite query, no big
 * endian or compressed syntax, which a worklist identifier gains nothing from. PixelMed's own
 * policies accept only storage and composite query/retrieve, so a modality's worklist context
 * would be refused by them.
 */
final class WorklistPolicy implements PresentationContextSelectionPolicy {

    /** PS3.8 9.3.3.2 result/reason: acceptance. */
    private static final byte ACCEPTED = 0;
    /** PS3.8 9.3.3.2 result/reason: abstract syntax not supported (provider rejection). */
    private static final byte ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    /** PS3.8 9.3.3.2 result/reason: transfer syntaxes not supported (provider rejection). */
    private static final byte TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    /** In order of preference: explicit VR keeps the VR of keys a dictionary may lack. */
    private static final List<String> TRANSFER_SYNTAXES = List.of(TransferSyntax.ExplicitVRLittleEndian,
            TransferSyntax.ImplicitVRLittleEndian);

    @Override
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber, int debugLevel) {
        return applyPresentationContextSelectionPolicy(contexts, associationNumber);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public LinkedList applyPresentationContextSelectionPolicy(LinkedList contexts, int associationNumber) {
        for (Object o : contexts) {
            PresentationContext pc = (PresentationContext) o;
            String abstractSyntax = pc.getAbstractSyntaxUID();
            if (!WorklistScp.MODALITY_WORKLIST_FIND.equals(abstractSyntax)
                    && !SOPClass.Verification.equals(abstractSyntax)) {
                pc.setResultReason(ABSTRACT_SYNTAX_NOT_SUPPORTED);
                continue;
            }
            String chosen = TRANSFER_SYNTAXES.stream().filter(pc.getTransferSyntaxUIDs()::contains).findFirst()
                    .orElse(null);
            pc.newTransferSyntaxUIDs();
            if (chosen == null) {
                pc.setResultReason(TRANSFER_SYNTAXES_NOT_SUPPORTED);
            } else {
                pc.addTransferSyntaxUID(chosen);
                pc.setResultReason(ACCEPTED);
            }
        }
        return contexts;
    }
}
