package org.fovea.app.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.fovea.app.ui.registration.DeskTabs;
import org.fovea.app.ui.remote.RemotePage;
import org.fovea.app.ui.teaching.TeachingPage;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.ArchiveService;
import org.fovea.app.ui.tools.ArchiveMarkStore;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.RefreshThrottle;
import org.fovea.app.ui.common.Theme;
import org.fovea.app.ui.common.Threads;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.ui.network.NetworkService;
import org.fovea.app.ui.network.NetworkSettingsDialog;
import org.fovea.app.ui.network.QueryView;
import org.fovea.app.ui.network.SendController;
import org.fovea.app.ui.network.TransferPanel;
import org.fovea.app.ui.network.WorklistView;
import org.fovea.app.ui.studies.FileDrop;
import org.fovea.app.ui.studies.ImportController;
import org.fovea.app.ui.studies.StudyListView;
import org.fovea.app.ui.report.ReportEditor;
import org.fovea.reporting.Report;
import org.fovea.reporting.identity.User;
import org.fovea.app.ui.report.ReportListView;
import org.fovea.app.ui.report.ReportService;
import org.fovea.app.ui.threed.ThreeDPage;
import org.fovea.app.ui.viewer.ViewerReportLink;
import org.fovea.app.view.StudyRefs;
import org.fovea.app.ui.viewer.ViewerView;
import org.fovea.app.ui.viewer.HangingAction;
import org.fovea.app.ui.viewer.ViewportGrid;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The workstation window: menu bar; the study list, the viewer, the PACS query and the worklist
 * as tabs; the import and transfer progress lines and the listener's status. Owns the background
 * threads of the UI and the DICOM listener, and stops them on {@link #close()}.
 */
public final class WorkstationWindow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkstationWindow.class);
    private static final int DECODE_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final I18n i18n;
    private final ArchiveService archive;
    private User user;
    private UserSession session;
    private TeachingPage teaching;
    private RemotePage remote;
    private DeskTabs desks;
    private final HangingAction hanging;
    private MenuItem lockItem;
    private Runnable onLock = () -> { };
    private final ExecutorService decoders = Threads.pool("fovea-decode", DECODE_THREADS);
    private final StudyListView studyList;
    private final ViewerView viewer;
    private final ThreeDPage threeD;
    private final RefreshThrottle arrivals;
    private final ImportController importer;
    private final FileDrop fileDrop;
    private final NetworkService network;
    private final TransferPanel transfers;
    private final QueryView query;
    private final WorklistView worklist;
    private final SendController sender;
    private final ReportService reports;
    private final Path home;
    private ReportEditor editor;
    private final TabPane tabs = new TabPane();
    private final Tab listTab = new Tab();
    private final Tab viewerTab = new Tab();
    private final Tab threeDTab = new Tab();
    private final Tab queryTab = new Tab();
    private final Tab worklistTab = new Tab();
    private final Tab reportsTab = new Tab();
    private final ReportListView reportList;
    private final MenuBar menuBar = new MenuBar();
    private final BorderPane root = new BorderPane();

    /**
     * The window over the archive of the FOVEA_HOME it lives in ({@code LocalArchive.open(home)}
     * keeps its files in {@code home/archive}), which is also where the network settings are.
     */
    public WorkstationWindow(LocalArchive localArchive, Locale locale) {
        this(localArchive, localArchive.archiveDirectory().getParent(), locale);
    }

    /** Builds the window's content; call on the FX thread. The archive stays the caller's to close. */
    public WorkstationWindow(LocalArchive localArchive, Path home, Locale locale) {
        this(new ArchiveService(localArchive), home, locale);
    }

    /**
     * Builds the window's content over an archive service it then owns (the tests hold its thread
     * to see the window while a search waits). The study list's first search starts before
     * anything else is built, so the archive looks for the first page while the FX thread builds,
     * lays out and draws the window.
     */
    public WorkstationWindow(ArchiveService archive, Path home, Locale locale) {
        i18n = new I18n(locale);
        this.archive = archive;
        this.home = home;
        reports = ReportService.open(home);
        studyList = new StudyListView(i18n, archive, this::openStudy);
        studyList.search();
        viewer = new ViewerView(i18n, archive, decoders, Platform::runLater);
        threeD = new ThreeDPage(i18n, archive, Platform::runLater);
        viewer.setOpenIn3D(this::openIn3D);
        hanging = new HangingAction(archive, viewer, home, decoders, text -> new javafx.scene.control.Alert(
                javafx.scene.control.Alert.AlertType.WARNING, i18n.get("hanging.problems") + "\n" + text).show());
        viewer.setHanging(hanging);
        viewer.setOnReport(() -> openReport(viewer.study()));
        viewer.setMarkStore(new ArchiveMarkStore(archive, org.fovea.app.view.Messages.bundle(java.util.Locale.ROOT)));
        importer = new ImportController(i18n, archive, studyList::refresh);
        fileDrop = new FileDrop(importer::importPaths);
        // images arrive one by one from the network: refresh the list at most once a second
        arrivals = new RefreshThrottle(Duration.seconds(1), () -> {
            studyList.refresh();
            viewer.refreshArrivals();
        });
        threeD.addLibraryListener(arrivals::request);
        network = new NetworkService(home, archive, i18n, arrivals::request);
        transfers = new TransferPanel(i18n);
        org.fovea.app.ui.network.PacsPriors.install(viewer.timeline(), network, transfers, arrivals::request);
        query = new QueryView(i18n, network, transfers, arrivals::request);
        worklist = new WorklistView(i18n, network);
        sender = new SendController(i18n, network, archive, transfers, root);
        reportList = new ReportListView(i18n, reports, r -> reports.find(r.id()).whenComplete((found, error) -> {
            if (error == null && found.isPresent()) {
                reportEditor().show(found.get());
            }
        }));

        page(listTab, "tab.studyList", studyList.node());
        page(viewerTab, "tab.viewer", viewer.node());
        page(threeDTab, "tab.threeD", threeD.node());
        page(queryTab, "tab.query", query.node());
        page(worklistTab, "tab.worklist", worklist.node());
        page(reportsTab, "tab.reports", reportList.node()).setOnSelectionChanged(e -> {
            if (reportsTab.isSelected()) {
                reportList.search();
            }
        });
        teaching = new TeachingPage(i18n, reports, (c, hide) -> {
            viewer.setAnonymous(hide);
            openStudyByUid(c.study().studyUid());
        });
        remote = new RemotePage(i18n, home, archive.destination(), studyList::refresh, uid -> {
            studyList.refresh();
            openStudyByUid(uid);
        });
        tabs.getTabs().addAll(listTab, viewerTab, threeDTab, queryTab, worklistTab, reportsTab, teaching.tab(),
                remote.tab());
        desks = new DeskTabs(i18n, home, tabs);
        viewer.notes().setSource(desks.notesSource());
        desks.exam().uploads().setArchive(archive.destination(), r -> studyList.refresh());
        buildMenus();
        buildSendMenu();
        root.setTop(menuBar);
        root.setCenter(tabs);
        root.setBottom(new VBox(importer.progressNode(), transfers.node(), listenerLine()));
        root.setStyle(UiFonts.rootStyle());
    }

    /**
     * Puts the window on a stage and shows it, painted in the theme's background from its first
     * frame; the log says how long after the window the study list's first page was on screen.
     */
    public void show(Stage stage) {
        Scene scene = new Scene(root, 1600, 960, Theme.BACKGROUND);
        scene.getStylesheets().add(Theme.stylesheet());
        fileDrop.install(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(i18n.text("app.title"));
        long[] shownAt = {System.nanoTime()};
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> shownAt[0] = System.nanoTime());
        studyList.whenFirstPageShown(() -> LOG.info("Study list: first page on screen {} ms after the window was shown, "
                + "{} ms after the JVM started", (System.nanoTime() - shownAt[0]) / 1_000_000,
                ManagementFactory.getRuntimeMXBean().getUptime()));
        stage.show();
        network.start().whenComplete((s, error) -> {
            if (error != null) {
                Alerts.error(root, i18n, "error.networkSettings", error);
            }
        });
    }

    public I18n i18n() { return i18n; }
    public StudyListView studyList() { return studyList; }
    public ViewerView viewer() { return viewer; }
    public ThreeDPage threeD() { return threeD; }
    public ImportController importer() { return importer; }
    public FileDrop fileDrop() { return fileDrop; }
    public NetworkService network() { return network; }
    public QueryView query() { return query; }
    WorklistView worklist() { return worklist; }
    public SendController sender() { return sender; }
    public TransferPanel transfers() { return transfers; }
    public ReportListView reportList() { return reportList; }
    public Tab reportsTab() { return reportsTab; }

    /** Opens Settings > DICOM Nodes. */
    NetworkSettingsDialog openNetworkSettings() {
        NetworkSettingsDialog d = new NetworkSettingsDialog(i18n, network, root);
        d.show();
        return d;
    }

    /** Opens a study in the viewer tab. */
    public void openStudy(StudySummary s) {
        if (!teaching.tab().isSelected()) {
            // a study opened from anywhere but a teaching session shows who it is
            viewer.setAnonymous(false);
        }
        tabs.getSelectionModel().select(viewerTab);
        viewer.open(s);
        if (user != null) {
            reports.audit(user.login(), org.fovea.reporting.audit.AuditAction.OPEN_STUDY, "study", s.studyUid(),
                    s.accession());
        }
        if (editor != null) {
            editor.checkPatient();
        }
    }

    /** A study opened beside the one in the viewer, to compare (another patient's is marked loudly); else opened. */
    public void openBeside(StudySummary s) {
        if (s != null && viewer.study() != null && viewer.hanging() != null) {
            tabs.getSelectionModel().select(viewerTab);
            viewer.hanging().hangWithPrior(s.studyUid());
        } else if (s != null) {
            openStudy(s);
        }
    }

    /**
     * Opens the report editor on a study's report (its own window, on the other monitor when
     * there are two); the study's body part comes from one of its images, for the template picker.
     */
    public void openReport(StudySummary s) {
        if (s == null) {
            return;
        }
        archive.anyImageHeader(s.studyUid()).whenComplete((header, error) ->
                reportEditor().open(StudyRefs.of(s, header == null ? null : header.orElse(null)),
                        root.getScene().getWindow()));
    }

    /**
     * Who works at this window: the author of new reports, whose role decides the sign-off steps
     * offered (null in a department without users). Set before the editor is first used.
     */
    public void setUser(User user) {
        this.user = user;
        if (editor != null) {
            editor.close();
            editor = null;
        }
        if (session != null) {
            session.close();
        }
        session = user == null ? null : new UserSession(i18n, reports, tabs, user);
        desks.show(user);
    }

    /** What the logged-in user's session adds to the window (null without a user). */
    public UserSession session() { return session; }

    public User user() { return user; }

    /** What File > Lock does (the session's idle lock, locking now); the item shows once set. */
    public void setOnLock(Runnable lock) {
        onLock = lock;
        lockItem.setVisible(true);
    }

    /** The report editor, made on first use. */
    public ReportEditor reportEditor() {
        if (editor == null) {
            editor = new ReportEditor(i18n, reports, new ViewerReportLink(viewer, archive, i18n, this::openStudyByUid), home,
                    System.getProperty("user.name", ""), user);
            editor.setToStudy(this::reportIntoStudy);
            editor.setNotesSource(desks.notesSource());
        }
        return editor;
    }

    /**
     * The report as DICOM (TID 2000 SR and Encapsulated PDF) filed in its study, so the study
     * list shows it and "Send to…" takes it to the PACS.
     */
    private CompletableFuture<ImportReport> reportIntoStudy(Report r) {
        return archive.fileReport(r, home).thenApply(imported -> {
            arrivals.request();
            return imported;
        });
    }

    /** Marks the viewer's study as a teaching case of the logged-in user (P8). */
    public void markTeaching() {
        teaching.mark(viewer.study(), user != null ? user.login() : System.getProperty("user.name", ""),
                root.getScene().getWindow());
    }

    public TeachingPage teaching() { return teaching; }

    public RemotePage remote() { return remote; }

    /** The registration desk's and the technician's tabs. */
    public DeskTabs desks() { return desks; }

    private void openStudyByUid(String studyUid) {
        archive.study(studyUid).whenComplete((s, error) -> {
            if (error == null && s.isPresent()) {
                openStudy(s.get());
            }
        });
    }

    /** Opens a series of the viewer's study, or of a prior hung beside it, on the 3D page. */
    public void openIn3D(StudySummary study, ArchiveService.LoadedSeries series, org.fovea.dicom.series.SeriesStack stack) {
        tabs.getSelectionModel().select(threeDTab);
        threeD.open(study, series, stack);
    }

    private void buildMenus() {
        Menu file = menu("menu.file");
        MenuItem importFolder = item("menu.importFolder", () -> importer.chooseFolder(root.getScene().getWindow()));
        importFolder.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        MenuItem importFiles = item("menu.importFiles", () -> importer.chooseFiles(root.getScene().getWindow()));
        MenuItem sendTo = item("menu.sendTo", this::sendCurrent);
        MenuItem report = item("menu.report", this::reportCurrent);
        report.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        MenuItem markTeaching = item("teaching.mark", this::markTeaching);
        markTeaching.setId("menu-teaching");
        MenuItem exit = item("menu.exit", () -> root.getScene().getWindow().hide());
        lockItem = item("menu.lock", () -> onLock.run());
        lockItem.setId("menu-lock");
        lockItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+L"));
        lockItem.setVisible(false);
        file.getItems().addAll(importFolder, importFiles, new SeparatorMenuItem(), sendTo, report, markTeaching,
                new SeparatorMenuItem(),
                lockItem, exit);

        Menu view = menu("menu.view");
        MenuItem list = item("menu.studyList", () -> tabs.getSelectionModel().select(listTab));
        list.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        MenuItem viewerItem = item("menu.viewer", () -> tabs.getSelectionModel().select(viewerTab));
        MenuItem queryItem = item("menu.query", () -> tabs.getSelectionModel().select(queryTab));
        MenuItem worklistItem = item("menu.worklist", () -> tabs.getSelectionModel().select(worklistTab));
        view.getItems().addAll(list, viewerItem, queryItem, worklistItem, new SeparatorMenuItem());
        view.getItems().addAll(hanging.menuItems(i18n));
        view.getItems().addAll(ViewportGrid.menuItems(i18n.text("menu.layout"), viewer::setLayout));

        Menu language = menu("menu.language");
        ToggleGroup languages = new ToggleGroup();
        for (Locale l : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            // each language is named in itself, so a user who cannot read the current one finds theirs
            RadioMenuItem m = new RadioMenuItem(l.getDisplayLanguage(l));
            m.setToggleGroup(languages);
            m.setSelected(l.equals(i18n.localeProperty().get()));
            m.setOnAction(e -> i18n.setLocale(l));
            m.setUserData(l);
            language.getItems().add(m);
        }
        Menu settings = menu("menu.settings");
        settings.getItems().addAll(new org.fovea.app.ui.settings.DisplaySettings(i18n, home, viewer).menuItems(item("menu.dicomNodes", this::openNetworkSettings)));

        menuBar.getMenus().setAll(List.of(file, view, settings, language));
    }

    /** Send to… on the study list: the selected study, or the selected series of it. */
    private void buildSendMenu() {
        studyList.seriesTable().getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        for (javafx.scene.control.Control table : List.of(studyList.studyTable(), studyList.seriesTable())) {
            ContextMenu menu = new ContextMenu(item("menu.sendTo", this::sendFromList),
                    item("menu.report", () -> openReport(studyList.studyTable().getSelectionModel().getSelectedItem())),
                    item("menu.openBeside", () -> openBeside(studyList.studyTable().getSelectionModel().getSelectedItem())),
                    item("menu.submitRemote", () -> remote.submit(studyList.studyTable().getSelectionModel()
                            .getSelectedItem(), () -> user != null ? user.login() : System.getProperty("user.name", ""))));
            table.setContextMenu(menu);
        }
    }

    private void sendFromList() {
        sender.ask(studyList.studyTable().getSelectionModel().getSelectedItem(),
                List.copyOf(studyList.seriesTable().getSelectionModel().getSelectedItems()));
    }

    /** File > Send to…: the study on screen in the viewer, otherwise the list's selection. */
    private void sendCurrent() {
        if (tabs.getSelectionModel().getSelectedItem() == viewerTab && viewer.study() != null) {
            sender.ask(viewer.study(), List.of());
        } else {
            sendFromList();
        }
    }

    /** File > Report: the study on screen in the viewer, otherwise the list's selection. */
    private void reportCurrent() {
        openReport(tabs.getSelectionModel().getSelectedItem() == viewerTab && viewer.study() != null
                ? viewer.study() : studyList.studyTable().getSelectionModel().getSelectedItem());
    }

    private HBox listenerLine() {
        javafx.scene.control.Label state = new javafx.scene.control.Label();
        state.textProperty().bind(network.listenerText());
        state.getStyleClass().add("listener-state");
        network.listenerProperty().addListener((o, a, st) -> state.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("failed"), st.kind() == NetworkService.ListenerState.Kind.FAILED));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox line = new HBox(gap, state);
        line.getStyleClass().add("status-line");
        return line;
    }

    private Tab page(Tab tab, String key, javafx.scene.Node content) {
        tab.textProperty().bind(i18n.text(key));
        tab.setContent(content);
        tab.setClosable(false);
        return tab;
    }

    private Menu menu(String key) {
        Menu m = new Menu();
        m.textProperty().bind(i18n.text(key));
        return m;
    }

    private MenuItem item(String key, Runnable action) {
        MenuItem m = new MenuItem();
        m.textProperty().bind(i18n.text(key));
        m.setOnAction(e -> action.run());
        return m;
    }

    MenuBar menuBar() { return menuBar; }

    TabPane tabs() { return tabs; }

    /** Stops decoding, queries and any import; FX thread. */
    @Override
    public void close() {
        arrivals.stop();
        if (session != null) {
            session.close();
        }
        if (editor != null) {
            editor.close();
        }
        reports.close();
        remote.close();
        desks.close();
        network.close();
        threeD.dispose();
        viewer.close();
        importer.close();
        archive.close();
        decoders.shutdownNow();
    }
}
