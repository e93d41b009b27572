package org.fovea.render.volume.segment;

/** A first-in first-out queue of ints that grows as needed: the front of a flood fill. */
final class IntQueue {

    private int[] items = new int[1 << 12];
    private int head;
    private int tail;
    private int size;

    void add(int value) {
        if (size == items.length) {
            grow();
        }
        items[tail] = value;
        tail = (tail + 1) & (items.length - 1);
        size++;
    }

    int remove() {
        int value = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return value;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        head = tail = size = 0;
    }

    private void grow() {
        int[] bigger = new int[items.length * 2];
        int firstPart = items.length - head;
        System.arraycopy(items, head, bigger, 0, firstPart);
        System.arraycopy(items, 0, bigger, firstPart, head);
        items = bigger;
        head = 0;
        tail = size;
    }
}
