package org.fovea.dicom.net;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.LocalArchive;

/** What every part of one retrieve works with: who asks whom for what, where it goes, who follows. */
record RetrieveContext(DicomClient client, DicomNode node, RetrieveRequest request, LocalArchive archive,
                       TransferListener listener, CancelToken cancel) {
}
