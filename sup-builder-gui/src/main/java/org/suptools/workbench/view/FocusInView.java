package org.suptools.workbench.view;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;

/**
 * Scrolls a scroll pane so that the control the keyboard (or a problem chosen in the problems
 * panel) moves the focus to is in view: JavaFX's scroll pane does not, so Tab into a part of a
 * form below the fold would leave the focused field out of sight.
 */
final class FocusInView {

    private FocusInView() {
    }

    static void follow(ScrollPane scroll) {
        scroll.sceneProperty().addListener((obs, old, scene) -> listen(scroll, scene));
        listen(scroll, scroll.getScene());
    }

    private static void listen(ScrollPane scroll, Scene scene) {
        if (scene != null) {
            scene.focusOwnerProperty().addListener((obs, before, now) -> reveal(scroll, now));
        }
    }

    /** Scrolls as little as it takes to show the node whole, or its top when it is taller than the view. */
    static void reveal(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (node == null || content == null || scroll.getScene() == null || !inside(node, content)) {
            return;
        }
        double view = scroll.getViewportBounds().getHeight();
        double height = content.getLayoutBounds().getHeight();
        if (height <= view) {
            return;
        }
        Bounds at = content.sceneToLocal(node.localToScene(node.getLayoutBounds()));
        double range = height - view;
        double top = range * (scroll.getVvalue() - scroll.getVmin()) / (scroll.getVmax() - scroll.getVmin());
        double wanted;
        if (at.getMinY() < top || at.getHeight() > view) {
            wanted = at.getMinY();
        } else if (at.getMaxY() > top + view) {
            wanted = at.getMaxY() - view;
        } else {
            return;
        }
        double clamped = Math.max(0, Math.min(range, wanted));
        scroll.setVvalue(scroll.getVmin() + clamped / range * (scroll.getVmax() - scroll.getVmin()));
    }

    private static boolean inside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
