package org.fovea.app.ui.studies;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.dicom.archive.StudyPage;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The studies a search found, newest first, loaded a page at a time: the first page as soon as
 * the search runs, the next one when the list is scrolled near its end ({@link #loadMore()}), and
 * how many match in all once counted. FX thread only; the archive answers on its own thread.
 *
 * <p>Pages are asked for by offset. The archive only grows, so a study arriving between two pages
 * can only push studies down: the next page may then repeat the last study of the one before,
 * which is skipped here, and never misses one. A study that arrives is shown by the refresh that
 * its arrival triggers.
 */
final class StudyPages {

    /** A few screens of a radiologist's list: enough to scroll a while before the next page is asked for. */
    static final int PAGE = 200;

    /** What a search is doing, for the list's placeholder and status. */
    enum State { SEARCHING, LOADED, FAILED }

    /** What the list does when the pages change; every call comes on the FX thread. */
    interface Listener {
        /** A search's first page replaced the loaded studies. */
        void answered();

        /** The next page added these studies at the end. */
        void added(List<StudySummary> studies);

        /** The state, the count or the fetching of a page changed. */
        void changed();
    }

    private final ArchiveService archive;
    private final Consumer<Throwable> onError;
    private final ObservableList<StudySummary> loaded = FXCollections.observableArrayList();
    private final Set<String> loadedUids = new HashSet<>();
    private Listener listener;
    private StudyQuery query = StudyQuery.all();
    private State state = State.SEARCHING;
    private boolean more;
    private boolean loadingMore;
    private Integer total;
    private long generation;

    StudyPages(ArchiveService archive, Consumer<Throwable> onError) {
        this.archive = archive;
        this.onError = onError;
    }

    void setListener(Listener listener) {
        this.listener = listener;
    }

    /** The studies loaded so far, newest first; pages are appended to this list. */
    ObservableList<StudySummary> loaded() { return loaded; }

    StudyQuery query() { return query; }

    State state() { return state; }

    /** Whether more studies match than are loaded. */
    boolean more() { return more; }

    /** Whether the next page is being fetched. */
    boolean loadingMore() { return loadingMore; }

    /** How many studies match, or null until counted. */
    Integer total() { return total; }

    /**
     * Starts a search: its first page replaces the loaded studies when it arrives (until then they
     * stay, so a refresh does not blank the list). {@code atLeast} keeps that many loaded, so a
     * list refreshed after the user scrolled down keeps what was on screen.
     */
    void search(StudyQuery q, int atLeast) {
        long g = ++generation;
        query = q;
        state = State.SEARCHING;
        loadingMore = false;
        listener.changed();
        archive.findStudies(q, 0, Math.max(PAGE, atLeast)).whenComplete((page, error) -> {
            if (g != generation) {
                return;
            }
            if (error != null) {
                fail(error);
                return;
            }
            loadedUids.clear();
            loadedUids.addAll(page.studies().stream().map(StudySummary::studyUid).toList());
            total = page.more() ? null : page.studies().size();
            more = page.more();
            state = State.LOADED;
            loaded.setAll(page.studies());
            listener.answered();
            listener.changed();
            if (more) {
                count(g, q);
            }
        });
    }

    /** Asks for the next page unless one is on its way or everything is loaded. */
    void loadMore() {
        if (state != State.LOADED || !more || loadingMore) {
            return;
        }
        long g = generation;
        loadingMore = true;
        listener.changed();
        archive.findStudies(query, loaded.size(), PAGE).whenComplete((page, error) -> {
            if (g != generation) {
                return;
            }
            loadingMore = false;
            if (error != null) {
                fail(error);
                return;
            }
            append(page);
        });
    }

    private void append(StudyPage page) {
        List<StudySummary> fresh = page.studies().stream().filter(s -> loadedUids.add(s.studyUid())).toList();
        more = page.more();
        loaded.addAll(fresh);
        listener.added(fresh);
        listener.changed();
    }

    private void count(long g, StudyQuery q) {
        archive.countStudies(q).whenComplete((n, error) -> {
            if (g == generation && error == null) {
                total = n;
                listener.changed();
            }
        });
    }

    private void fail(Throwable error) {
        state = State.FAILED;
        listener.changed();
        onError.accept(error);
    }
}
