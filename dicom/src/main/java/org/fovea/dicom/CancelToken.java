package org.fovea.dicom;

/** Lets a user cancel long work (import, generation) from another thread. */
public final class CancelToken {
    private volatile boolean cancelled;

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }

    /** A token nobody cancels, for callers without a cancel button. */
    public static CancelToken none() { return new CancelToken(); }
}
