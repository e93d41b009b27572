package org.fovea.dicom.archive;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Gives the patients of an existing archive the name search key new patients get: before this
 * version a name stored only in Chinese characters could not be found by its pinyin or initials.
 * Java, because the key comes from {@link PersonNameSearch} and its pinyin dictionary. The key's
 * rules live in that class: a later change to them needs a migration of its own like this one.
 */
public final class V4__Pinyin_name_search extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement select = c.createStatement();
             ResultSet rs = select.executeQuery("SELECT pk, patient_name FROM patient");
             PreparedStatement update = c.prepareStatement("UPDATE patient SET name_search = ? WHERE pk = ?")) {
            int pending = 0;
            while (rs.next()) {
                update.setString(1, PersonNameSearch.key(rs.getString(2)));
                update.setLong(2, rs.getLong(1));
                update.addBatch();
                if (++pending == BATCH) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            update.executeBatch();
        }
    }
}
