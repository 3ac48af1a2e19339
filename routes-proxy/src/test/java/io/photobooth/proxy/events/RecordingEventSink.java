package io.photobooth.proxy.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.photobooth.events.EventSink;

/** The kiosk's response in a route test: keeps what was written, and fails every write once the kiosk left. */
class RecordingEventSink implements EventSink {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private volatile boolean opened;
    private volatile boolean gone;

    @Override
    public void open() {
        opened = true;
    }

    @Override
    public void send(String frame) throws IOException {
        if (gone) {
            throw new IOException("Broken pipe");
        }
        frames.add(frame);
    }

    boolean opened() {
        return opened;
    }

    List<String> frames() {
        return List.copyOf(frames);
    }

    void leave() {
        gone = true;
    }
}
