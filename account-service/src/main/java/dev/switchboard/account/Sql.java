package dev.switchboard.account;

import io.r2dbc.spi.Parameters;

/** Binding nullable values with R2DBC, which needs the type of a null. */
public final class Sql {

    private Sql() {
    }

    /** {@code value}, or a typed null to bind in its place. */
    public static Object orNull(Object value, Class<?> type) {
        return value == null ? Parameters.in(type) : value;
    }
}
