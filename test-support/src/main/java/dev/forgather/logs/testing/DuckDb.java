package dev.forgather.logs.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an exported file back as a user would, with DuckDB ({@code SELECT ... FROM 'out.parquet'}).
 * Only JDBC here: a test module that calls it has {@code duckdb_jdbc} on its test class path.
 */
public final class DuckDb {
    private DuckDb() {}

    /** The rows {@code sql} gives in an in-memory database, each as its cells joined by {@code " | "}. */
    public static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? " | " : "").append(result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
