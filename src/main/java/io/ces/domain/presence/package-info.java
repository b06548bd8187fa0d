/**
 * Who is in a room: the sessions of each user in it, deduplicated per user (three tabs are one member), the
 * transitions that are announced (a user's first session joins, their last one leaves), the signals CES exchanges
 * between replicas about presence and typing, and the frames clients receive about them.
 */
package io.ces.domain.presence;
