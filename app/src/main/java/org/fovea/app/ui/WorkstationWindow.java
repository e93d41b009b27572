package org.fovea.app.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.fovea.app.ui.ViewportGrid.Layout;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudySummary;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * The workstation window: menu bar, the study list and the viewer as two tabs, and the import
 * progress line. Owns the background threads of the UI and stops them on {@link #close()}.
 */
public final class WorkstationWindow implements AutoCloseable {

    private static final int DECODE_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final I18n i18n;
    private final ArchiveService archive;
    private final ExecutorService decoders = Threads.pool("fovea-decode", DECODE_THREADS);
    private final StudyListView studyList;
    private final ViewerView viewer;
    private final ImportController importer;
    private final FileDrop fileDrop;
    private final TabPane tabs = new TabPane();
    private final Tab listTab = new Tab();
    private final Tab viewerTab = new Tab();
    private final MenuBar menuBar = new MenuBar();
    private final BorderPane root = new BorderPane();

    /** Builds the window's content; call on the FX thread. The archive stays the caller's to close. */
    public WorkstationWindow(LocalArchive localArchive, Locale locale) {
        i18n = new I18n(locale);
        archive = new ArchiveService(localArchive);
        viewer = new ViewerView(i18n, archive, decoders, Platform::runLater);
        studyList = new StudyListView(i18n, archive, this::openStudy);
        importer = new ImportController(i18n, localArchive, studyList::refresh);
        fileDrop = new FileDrop(importer::importPaths);

        listTab.textProperty().bind(i18n.text("tab.studyList"));
        listTab.setContent(studyList.node());
        viewerTab.textProperty().bind(i18n.text("tab.viewer"));
        viewerTab.setContent(viewer.node());
        for (Tab t : List.of(listTab, viewerTab)) {
            t.setClosable(false);
        }
        tabs.getTabs().addAll(listTab, viewerTab);
        buildMenus();
        root.setTop(menuBar);
        root.setCenter(tabs);
        root.setBottom(importer.progressNode());
        root.setStyle(UiFonts.rootStyle());
    }

    /** Puts the window on a stage and shows it; the first search runs in the background. */
    public void show(Stage stage) {
        Scene scene = new Scene(root, 1600, 960);
        scene.getStylesheets().add(Theme.stylesheet());
        fileDrop.install(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(i18n.text("app.title"));
        stage.show();
        studyList.search();
    }

    public I18n i18n() { return i18n; }

    public StudyListView studyList() { return studyList; }

    public ViewerView viewer() { return viewer; }

    public ImportController importer() { return importer; }

    FileDrop fileDrop() { return fileDrop; }

    /** Opens a study in the viewer tab. */
    public void openStudy(StudySummary s) {
        tabs.getSelectionModel().select(viewerTab);
        viewer.open(s);
    }

    private void buildMenus() {
        Menu file = menu("menu.file");
        MenuItem importFolder = item("menu.importFolder", this::chooseFolder);
        importFolder.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        MenuItem importFiles = item("menu.importFiles", this::chooseFiles);
        MenuItem exit = item("menu.exit", () -> root.getScene().getWindow().hide());
        file.getItems().addAll(importFolder, importFiles, new SeparatorMenuItem(), exit);

        Menu view = menu("menu.view");
        MenuItem list = item("menu.studyList", () -> tabs.getSelectionModel().select(listTab));
        list.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        MenuItem viewerItem = item("menu.viewer", () -> tabs.getSelectionModel().select(viewerTab));
        view.getItems().addAll(list, viewerItem, new SeparatorMenuItem());
        for (Layout l : Layout.values()) {
            MenuItem m = new MenuItem();
            m.textProperty().bind(i18n.text("menu.layout").concat(" " + l.rows + "×" + l.columns));
            m.setOnAction(e -> viewer.setLayout(l));
            view.getItems().add(m);
        }

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
        menuBar.getMenus().setAll(List.of(file, view, language));
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(i18n.get("import.chooseFolder"));
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            importer.importPaths(List.of(dir.toPath()));
        }
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(i18n.get("import.chooseFiles"));
        List<File> files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            importer.importPaths(files.stream().map(File::toPath).toList());
        }
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
        viewer.close();
        importer.close();
        archive.close();
        decoders.shutdownNow();
    }
}
