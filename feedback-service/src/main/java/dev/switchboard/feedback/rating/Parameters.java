package dev.switchboard.feedback.rating;

import org.springframework.r2dbc.core.Parameter;

/** Binds a value that may be null, with its type, as R2DBC requires. */
final class Parameters {

    private Parameters() {
    }

    static <T> Parameter of(T value, Class<T> type) {
        return Parameter.fromOrEmpty(value, type);
    }
}
