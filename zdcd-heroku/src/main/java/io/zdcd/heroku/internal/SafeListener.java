package io.zdcd.heroku.internal;

import io.zdcd.heroku.HerokuEvent;
import io.zdcd.heroku.HerokuListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events; whatever the listener throws is logged at WARN and ignored. */
public final class SafeListener implements HerokuListener {
    private static final Logger log = LoggerFactory.getLogger(SafeListener.class);
    private final HerokuListener delegate;

    public SafeListener(HerokuListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onEvent(HerokuEvent event) {
        log.debug("{}", event);
        try {
            delegate.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("a Heroku event listener threw on \"{}\" (ignored): {}", event, e.toString());
        }
    }
}
