package io.ces.domain.presence;

/**
 * Where presence signals go so that every replica hears them: CES's presence topic. Best effort: a signal that
 * cannot be written is logged, never retried (presence is a hint, and the next change corrects it).
 */
public interface PresenceEvents {

    void publish(PresenceSignal signal);
}
