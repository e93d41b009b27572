package org.fovea.render.volume;

/** The three linked planes of an MPR layout, by the plane each shows before any rotation. */
public enum MprView { AXIAL, CORONAL, SAGITTAL }
