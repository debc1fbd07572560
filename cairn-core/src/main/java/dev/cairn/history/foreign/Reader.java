package dev.cairn.history.foreign;

import java.sql.SQLException;

/** Reads one tool's history table. */
interface Reader {

    Reading read(Source source) throws SQLException;
}
