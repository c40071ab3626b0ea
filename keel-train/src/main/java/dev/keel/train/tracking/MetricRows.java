package dev.keel.train.tracking;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Reads and binds metric rows; NaN is stored as SQL NULL because SQLite cannot store NaN. */
final class MetricRows {
    private MetricRows() {}

    static MetricPoint point(ResultSet rs) throws SQLException {
        double value = rs.getDouble("metric_value");
        if (rs.wasNull()) {
            value = Double.NaN;
        }
        return new MetricPoint(rs.getString("metric_key"), value, rs.getLong("step"), rs.getLong("logged_at"));
    }

    static void bindValue(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }
}
