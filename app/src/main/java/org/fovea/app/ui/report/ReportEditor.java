package org.fovea.app.ui.report;

import org.fovea.dicom.archive.ImportReport;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.fovea.app.ui.common.Alerts;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.common.Theme;
import org.fovea.app.ui.common.UiFonts;
import org.fovea.app.view.PersonNameFormat;
import org.fovea.app.view.ReportMeasurements;
import org.fovea.reporting.Report;
import org.fovea.reporting.identity.User;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.StudyRef;
import org.fovea.reporting.template.MergeFields;
import org.fovea.reporting.template.ReportTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The report editor: a window of its own, on the second monitor of a dual-monitor desk, beside
 * the viewer. The patient's identity heads it at all times; the template's structured fields,
 * findings (检查所见) and impression (诊断意见) fill it; phrases, the viewer's measurements and
 * images go in with one action; the patient's prior reports sit beside it. Every few seconds
 * the text in progress is autosaved apart from the saved versions, so a crash loses at most that.
 */
public final class ReportEditor {

    /** Autosave period: what a crash or power cut can cost at most. */
    static final Duration AUTOSAVE = Duration.seconds(3);

    private final I18n i18n;
    private final ReportService service;
    private final ViewerLink viewer;
    private final String author;
    private final Stage stage = new Stage();
    private final ReportHeader header;
    private final FieldsForm fields = new FieldsForm();
    private final TextArea findings = new TextArea();
    private final TextArea impression = new TextArea();
    private final ReportImagesStrip images;
    private final ReportActions actions;
    private final PhraseBox phrases;
    private final PriorsPane priors;
    private final ImageLibraryPane library;
    private final Label state = new Label();
    private final User user;
    private final EditorWorkflow workflow;
    private final PriorityChooser priority;
    private Button saveButton;
    private final EditorPlacement placement;
    private final Timeline autosave = new Timeline(new KeyFrame(AUTOSAVE, e -> autosaveNow()));
    private Report current;
    private ReportTemplate template;
    private boolean dirty;
    private boolean filling;

    public ReportEditor(I18n i18n, ReportService service, ViewerLink viewer, Path home, String author) {
        this(i18n, service, viewer, home, author, null);
    }

    /**
     * @param user the logged-in user (their login is the author of new reports, their role decides
     *             the sign-off steps offered); null in a department without users, where reports
     *             are finished without signatures
     */
    public ReportEditor(I18n i18n, ReportService service, ViewerLink viewer, Path home, String author, User user) {
        this.i18n = i18n;
        this.service = service;
        this.viewer = viewer;
        this.user = user;
        this.author = user != null ? user.login() : author;
        this.priority = new PriorityChooser(i18n, service, () -> current == null ? 0 : current.id());
        this.workflow = new EditorWorkflow(i18n, service, user, new EditorWorkflow.Host() {
            @Override public Report current() { return current; }
            @Override public Report onScreen() { return report(); }
            @Override public boolean dirty() { return dirty; }
            @Override public CompletableFuture<Report> save(Report r) { return saved(r); }
            @Override public void stepped(Report after) {
                current = after;
                dirty = false;
                header.show(after);
            }
            @Override public void setEditable(boolean editable) {
                findings.setEditable(editable);
                impression.setEditable(editable);
                saveButton.setDisable(!editable);
            }
            @Override public Stage stage() { return stage; }
            @Override public void say(String text) { state.setText(text); }
        });
        this.header = new ReportHeader(i18n);
        this.images = new ReportImagesStrip(i18n);
        this.phrases = new PhraseBox(i18n, this::insertAtCaret);
        this.priors = new PriorsPane(i18n, service, viewer);
        this.library = new ImageLibraryPane(i18n, viewer);
        this.placement = new EditorPlacement(home);
        this.actions = new ReportActions(i18n, service, this::report, home, state::setText);
        actions.setOnExported(detail -> {
            if (user != null && current != null) {
                service.audit(user.login(), org.fovea.reporting.audit.AuditAction.EXPORT_REPORT, "report",
                        Long.toString(current.id()), detail);
            }
        });
        autosave.setCycleCount(Timeline.INDEFINITE);
        build();
    }

    /**
     * Opens the report of a study: its newest report, with an autosave newer than its last save
     * restored (and said so); or, when it has none, a new draft from a template the user picks.
     */
    public void open(StudyRef study, Window main) {
        if (!stage.isShowing()) {
            placement.place(stage, main);
        }
        service.ofStudy(study.studyUid()).whenComplete((found, error) -> {
            if (error != null) {
                Alerts.error(stage.getScene().getRoot(), i18n, "error.report", error);
                return;
            }
            if (!found.isEmpty()) {
                show(found.get(0));
                restoreAutosave(found.get(0));
                return;
            }
            stage.show();
            TemplatePicker picker = new TemplatePicker(i18n, service);
            Optional<ReportTemplate> chosen = picker.pick(stage, study);
            start(study, chosen.orElse(null));
        });
    }

    /**
     * Starts a new report of a study from a template (null: free text), saved at once as a draft;
     * the future completes when the editor is ready to type: the draft shown with its template's
     * fields and the patient's prior reports listed.
     */
    public CompletableFuture<Report> start(StudyRef study, ReportTemplate t) {
        Report draft = Report.draft(study, t == null ? "" : t.id(), author);
        if (t != null) {
            List<org.fovea.reporting.ReportMeasurement> none = List.of();
            draft = draft.withText(MergeFields.fill(t.findings(), study, none, java.util.Map.of()),
                    MergeFields.fill(t.impression(), study, none, java.util.Map.of()));
        }
        return service.save(draft).thenCompose(saved -> display(saved).thenApply(v -> saved)).whenComplete((saved, error) -> {
            if (error != null) {
                Alerts.error(stage.getScene().getRoot(), i18n, "error.report", error);
            }
        });
    }

    /** Where the header finds the technicians' notes of the report's exam (T2). */
    public void setNotesSource(org.fovea.app.ui.common.NotesStrip.Source source) {
        header.notes().setSource(source);
    }

    /** Shows a stored report for editing. */
    public void show(Report r) {
        display(r);
    }

    /** Shows a report; the future completes once its template's fields are shown and its priors listed. */
    private CompletableFuture<Void> display(Report r) {
        CompletableFuture<Void> fieldsShown = CompletableFuture.completedFuture(null);
        current = r;
        filling = true;
        header.show(r);
        findings.setText(r.findings());
        impression.setText(r.impression());
        images.show(r.images());
        template = null;
        fields.show(List.of(), r.fields());
        if (!r.templateId().isEmpty()) {
            fieldsShown = service.template(r.templateId()).handle((t, e) -> {
                if (e == null && t.isPresent() && current == r) {
                    template = t.get();
                    filling = true;
                    fields.show(template.fields(), r.fields());
                    filling = false;
                }
                return null;
            });
        }
        filling = false;
        dirty = false;
        phrases.setBodyPart(r.study().bodyPart());
        CompletableFuture<Void> priorsListed = priors.show(r.study());
        library.show(r.study().studyUid());
        checkPatient();
        stage.titleProperty().unbind();
        stage.setTitle(i18n.format("report.title", PersonNameFormat.display(r.study().patientName()),
                r.study().accessionNumber()));
        state.setText(i18n.format("report.saved", r.version()));
        stage.show();
        stage.toFront();
        autosave.play();
        workflow.refresh(r);
        priority.show(r.id());
        if (user != null && r.id() > 0) {
            service.audit(user.login(), org.fovea.reporting.audit.AuditAction.OPEN_REPORT, "report", Long.toString(r.id()), "");
        }
        return CompletableFuture.allOf(fieldsShown, priorsListed);
    }

    /** The report as on screen now (not yet saved); null before one is shown. */
    public Report report() {
        if (current == null) {
            return null;
        }
        return current.withText(findings.getText(), impression.getText()).withFields(fields.values())
                .withImages(images.images());
    }

    /** Saves; {@code status} issues it as preliminary or final (null keeps the status). */
    public void save(ReportStatus status) {
        Report r = report();
        if (status != null) {
            r = r.withStatus(status);
        }
        saved(r).whenComplete((saved, error) -> {
            if (error != null) {
                Alerts.error(stage.getScene().getRoot(), i18n, "error.report", error);
            }
        });
    }

    /** Saves the report as on screen, as the logged-in user when there is one. */
    private CompletableFuture<Report> saved(Report r) {
        return (user == null ? service.save(r) : service.save(r, user.login())).thenApply(saved -> {
            current = saved;
            dirty = false;
            header.show(saved);
            state.setText(i18n.format("report.saved", saved.version()));
            return saved;
        });
    }

    private VersionHistoryDialog history;

    /** The report's versions, any two compared (P10). */
    private void showHistory() {
        if (current == null || current.id() == 0) {
            return;
        }
        service.versions(current.id()).thenAccept(v -> {
            history = new VersionHistoryDialog(i18n, stage, v);
            history.show();
        });
    }

    VersionHistoryDialog historyDialog() { return history; }

    /** Inserts the viewer's measurements at the caret of the findings, and keeps them with the report. */
    public void insertMeasurements() {
        if (refuseOtherPatient()) {
            return;
        }
        List<org.fovea.reporting.ReportMeasurement> m = viewer.measurements();
        current = current.withMeasurements(m);
        findings.insertText(findings.getCaretPosition(), ReportMeasurements.lines(m));
        changed();
    }

    /** Writes the structured fields, as a sentence, at the caret of the findings. */
    public void insertFields() {
        String sentence = fields.sentence();
        if (!sentence.isEmpty()) {
            findings.insertText(findings.getCaretPosition(), sentence + "\n");
        }
    }

    /** Adds the viewer's current image as shown (window, zoom, marks). */
    public void addCurrentImage() {
        if (refuseOtherPatient()) {
            return;
        }
        viewer.currentImage().ifPresent(images::add);
    }

    /** Re-checks the viewer's patient against the report's (the window calls this when the viewer opens a study). */
    public void checkPatient() {
        if (current == null) {
            return;
        }
        Optional<String> shown = viewer.patientId();
        boolean other = shown.isPresent() && !shown.get().equals(current.study().patientId());
        header.showMismatch(other ? viewer.patientDisplay() : null);
    }

    public Stage stage() { return stage; }

    public boolean mismatchShown() { return header.mismatchShown(); }

    TextArea findingsArea() { return findings; }

    ReportService service() { return service; }

    TextArea impressionArea() { return impression; }

    ReportImagesStrip imageStrip() { return images; }

    ImageLibraryPane library() { return library; }

    Label stateLabel() { return state; }

    ReportActions actions() { return actions; }

    /** Where "Into the study" sends the report: the window gives the archive. */
    public void setToStudy(java.util.function.Function<Report, java.util.concurrent.CompletableFuture<ImportReport>> action) {
        actions.setToStudy(action);
    }

    /** Stops autosaving and saves what is on screen. */
    public void close() {
        autosave.stop();
        if (current != null && dirty) {
            save(null);
        }
        if (stage.isShowing()) {
            placement.remember(stage);
            stage.hide();
        }
    }

    private boolean refuseOtherPatient() {
        checkPatient();
        if (header.mismatchShown()) {
            state.setText(i18n.get("report.refusedOtherPatient"));
            return true;
        }
        return false;
    }

    private void restoreAutosave(Report saved) {
        service.autosaved(saved.id()).whenComplete((auto, error) -> {
            if (error != null || auto.isEmpty() || current == null || current.id() != saved.id()) {
                return;
            }
            filling = true;
            findings.setText(auto.get().findings());
            impression.setText(auto.get().impression());
            filling = false;
            dirty = true;
            state.setText(i18n.get("report.autosaveRestored"));
            org.controlsfx.control.Notifications.create().owner(stage).text(i18n.get("report.autosaveRestored"))
                    .hideAfter(Duration.seconds(6)).showInformation();
        });
    }

    private void autosaveNow() {
        if (current != null && dirty) {
            service.autosave(report());
        }
    }

    private void changed() {
        if (!filling) {
            dirty = true;
        }
    }

    private void insertAtCaret(String text) {
        TextArea target = impression.isFocused() ? impression : findings;
        target.insertText(target.getCaretPosition(), text);
        target.requestFocus();
    }

    private void build() {
        findings.setId("report-findings");
        impression.setId("report-impression");
        for (TextArea a : List.of(findings, impression)) {
            a.setWrapText(true);
            a.textProperty().addListener((o, x, y) -> changed());
        }
        fields.setOnChange(this::changed);
        images.setOnChange(l -> changed());
        library.setOnAdd(images::add);
        images.acceptDragsFrom(library::dragged);
        // key images and screenshots are made in the viewer while the report is written
        stage.focusedProperty().addListener((o, was, now) -> {
            if (now) {
                library.refresh();
            }
        });
        TitledPane findingsPane = titled("report.findings", findings);
        TitledPane impressionPane = titled("report.impression", impression);
        VBox text = new VBox(6, fields.node(), phrases.node(), findingsPane, impressionPane);
        VBox.setVgrow(findingsPane, Priority.ALWAYS);
        VBox.setVgrow(impressionPane, Priority.SOMETIMES);
        SplitPane side = new SplitPane(priors.node(), titled("report.library", library.node()));
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.5);
        SplitPane body = new SplitPane(text, side);
        body.setOrientation(Orientation.HORIZONTAL);
        body.setDividerPositions(0.7);
        BorderPane root = new BorderPane();
        root.setTop(header.node());
        root.setCenter(new VBox(6, body, titled("report.images", images.node())));
        VBox.setVgrow(body, Priority.ALWAYS);
        root.setBottom(buttons());
        root.setPadding(new Insets(8));
        root.setStyle(UiFonts.rootStyle());
        Scene scene = new Scene(root, 1100, 900, Theme.BACKGROUND);
        scene.getStylesheets().add(Theme.stylesheet());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), () -> save(null));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN), this::insertMeasurements);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), phrases::focus);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> close());
    }

    private VBox buttons() {
        Button measurements = button("report.insertMeasurements", this::insertMeasurements);
        measurements.setId("report-insert-measurements");
        Button fieldsButton = button("report.insertFields", this::insertFields);
        fieldsButton.setId("report-insert-fields");
        Button image = button("report.addImage", this::addCurrentImage);
        image.setId("report-add-image");
        Button save = button("report.save", () -> save(null));
        save.setId("report-save");
        saveButton = save;
        Button prelim = button("report.issuePreliminary", () -> save(ReportStatus.PRELIMINARY));
        prelim.setId("report-preliminary");
        Button fin = button("report.finish", () -> save(ReportStatus.FINAL));
        fin.setId("report-finish");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // two rows: what goes into the report and out of it; then where it stands and who signs it
        HBox tools = new HBox(8, fieldsButton, measurements, image, actions.node());
        workflow.alertButton().ifPresent(tools.getChildren()::add);
        Button history = button("report.history", this::showHistory);
        history.setId("report-history");
        tools.getChildren().addAll(history, new Label(i18n.get("report.priority")), priority.node());
        HBox status = workflow.bar() == null ? new HBox(8, state, gap, save, prelim, fin)
                : new HBox(8, workflow.signatures(), state, gap, save, workflow.bar());
        status.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (Node n : List.of(fieldsButton, measurements, image, save, prelim, fin)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox bar = new VBox(6, tools, status);
        bar.setPadding(new Insets(8, 0, 0, 0));
        bar.getStyleClass().add("report-buttons");
        return bar;
    }

    private Button button(String key, Runnable action) {
        Button b = new Button(i18n.get(key));
        b.setOnAction(e -> action.run());
        return b;
    }

    private TitledPane titled(String key, javafx.scene.Node content) {
        TitledPane p = new TitledPane(i18n.get(key), content);
        p.setCollapsible(false);
        p.setMaxHeight(Double.MAX_VALUE);
        return p;
    }
}
