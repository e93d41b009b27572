package org.fovea.dicom.net;

/**
 * How images are fetched from a node: C-GET brings them back on the same association; C-MOVE
 * asks the node to send them to this workstation's listener (the node must know its AE title,
 * host and port).
 */
public enum RetrieveMethod { C_GET, C_MOVE }
