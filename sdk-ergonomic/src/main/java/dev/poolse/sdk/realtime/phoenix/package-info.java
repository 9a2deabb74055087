/**
 * The Phoenix Channels protocol engine (serializer 2.0.0): frames, socket, channels, pushes,
 * presence merge, backoff schedules and the scheduler seam that lets tests drive every timer
 * with a virtual clock.
 *
 * <p>Internal: these types are public only so the SDK's other packages can use them; they are not
 * part of the supported API and may change in any release.
 *
 * <p><b>Threading.</b> Every mutable object of this package is confined to the single thread of
 * one {@link dev.poolse.sdk.realtime.phoenix.Scheduler}: transport events, timers and API calls
 * are all funnelled through {@link dev.poolse.sdk.realtime.phoenix.Scheduler#execute(Runnable)}.
 * No locks are needed and no user code ever runs on that thread.
 */
package dev.poolse.sdk.realtime.phoenix;
