package org.fovea.app.ui;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.fovea.app.ui.admin.AdminView;
import org.fovea.app.ui.alert.AlertCentre;
import org.fovea.app.ui.common.I18n;
import org.fovea.app.ui.report.OverdueReminder;
import org.fovea.app.ui.report.ReportService;
import org.fovea.reporting.identity.Permission;
import org.fovea.reporting.identity.User;

/**
 * What the window gains while a user is logged in: their critical values (a tab), the reminder of
 * overdue reports for those who write them, and the administration page for administrators.
 * Closing it takes them away again.
 */
public final class UserSession implements AutoCloseable {

    private final TabPane tabs;
    private final AlertCentre alerts;
    private final Tab alertsTab = new Tab();
    private final OverdueReminder reminder;
    private final AdminView admin;
    private final Tab adminTab = new Tab();

    UserSession(I18n i18n, ReportService reports, TabPane tabs, User user) {
        this.tabs = tabs;
        reminder = user.may(Permission.WRITE_REPORT) ? new OverdueReminder(i18n, reports) : null;
        if (reminder != null) {
            reminder.start();
        }
        admin = user.may(Permission.MANAGE_USERS) ? new AdminView(i18n, reports, user) : null;
        if (admin != null) {
            adminTab.textProperty().bind(i18n.text("tab.admin"));
            adminTab.setContent(admin.node());
            adminTab.setClosable(false);
            tabs.getTabs().add(adminTab);
        }
        alerts = new AlertCentre(i18n, reports, user);
        alertsTab.textProperty().bind(i18n.text("tab.alerts"));
        alertsTab.setContent(alerts.node());
        alertsTab.setClosable(false);
        tabs.getTabs().add(alertsTab);
        alerts.start();
    }

    /** The user's critical values. */
    public AlertCentre alerts() { return alerts; }

    /** The reminder of overdue reports (null unless the user writes reports). */
    public OverdueReminder reminder() { return reminder; }

    /** The administration page (null unless the user manages users). */
    public AdminView admin() { return admin; }

    @Override
    public void close() {
        alerts.close();
        if (reminder != null) {
            reminder.close();
        }
        tabs.getTabs().removeAll(alertsTab, adminTab);
    }
}
