package io.photobooth.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The kiosk's response in a test: keeps what was written, and fails every write once the kiosk left. */
public class RecordingEventSink implements EventSink {

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

    public boolean opened() {
        return opened;
    }

    public List<String> frames() {
        return List.copyOf(frames);
    }

    public void leave() {
        gone = true;
    }
}
