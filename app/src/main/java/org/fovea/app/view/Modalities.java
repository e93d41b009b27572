package org.fovea.app.view;

import java.util.List;

/**
 * The modalities a search offers as a filter: the study list, the PACS query and the worklist
 * offer the same ones in the same order. OT (other) is among them because the image library's
 * screenshots are secondary captures of modality OT, so a study holding some lists OT too.
 */
public final class Modalities {

    /** The filter's choices: the empty string ("any modality") first, then the codes, most common first. */
    public static final List<String> FILTER = List.of("", "CT", "MR", "DX", "CR", "MG", "US", "PT", "NM", "XA", "RF",
            "OT");

    /** Modalities of documents, not images (SR, presentation states, key objects, encapsulated PDF). */
    public static final List<String> DOCUMENTS = List.of("SR", "PR", "KO", "DOC");

    private Modalities() {
    }
}
