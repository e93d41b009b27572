package org.fovea.app.ui.registration;

import javafx.scene.control.TabPane;
import org.fovea.app.ui.common.I18n;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;

import java.nio.file.Path;

/**
 * The registration desk's and the technician's tabs of the window: shown to those whose role
 * registers (登记员) or examines (技师), and to everyone in a department without logins; the
 * department database opens for them in the background.
 */
public final class DeskTabs implements AutoCloseable {

    private final TabPane tabs;
    private final RegistrationService service;
    private final RegistrationPage registration;
    private final ExamPage exam;
    private User user;

    public DeskTabs(I18n i18n, Path home, TabPane tabs) {
        this.tabs = tabs;
        this.service = RegistrationService.open(home);
        this.registration = new RegistrationPage(i18n, service, () -> user);
        this.exam = new ExamPage(i18n, service, () -> user != null ? user.login() : System.getProperty("user.name", ""));
        show(null);
    }

    /** Shows the tabs the user's role works with (both without a user). */
    public void show(User u) {
        this.user = u;
        tabs.getTabs().removeAll(registration.tab(), exam.tab());
        if (u == null || u.may(Permission.REGISTER)) {
            tabs.getTabs().add(registration.tab());
        }
        if (u == null || u.may(Permission.EXAMINE)) {
            tabs.getTabs().add(exam.tab());
        }
    }

    public RegistrationPage registration() { return registration; }

    public ExamPage exam() { return exam; }

    public RegistrationService service() { return service; }

    /** The technicians' notes of an exam as the viewer and the report editor show them. */
    public org.fovea.app.ui.common.NotesStrip.Source notesSource() {
        return accession -> service.run(d -> d.notes().notes(accession).stream().map(ExamPage::line).toList());
    }

    @Override
    public void close() {
        exam.close();
        registration.close();
        service.close();
    }
}
