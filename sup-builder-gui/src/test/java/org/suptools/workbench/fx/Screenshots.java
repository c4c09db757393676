package org.suptools.workbench.fx;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves a snapshot of the scene as PNG into the folder the {@code workbench.screenshots} property names. */
final class Screenshots {

    private Screenshots() {
    }

    static Path save(Scene scene, String name) {
        WritableImage image;
        try {
            image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot take a snapshot", e);
        }
        BufferedImage buffered = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        draw(image, buffered, 0, 0);
        return write(buffered, name);
    }

    /**
     * The scene with the menus open over it: a menu is a popup, a window of its own that a snapshot
     * of the scene leaves out, so each popup showing over the scene's window is drawn in where it is.
     */
    static Path saveWithMenus(Scene scene, String name) {
        BufferedImage buffered;
        try {
            buffered = WaitForAsyncUtils.asyncFx(() -> {
                WritableImage base = scene.snapshot(null);
                BufferedImage out = new BufferedImage((int) base.getWidth(), (int) base.getHeight(),
                        BufferedImage.TYPE_INT_RGB);
                draw(base, out, 0, 0);
                double originX = scene.getWindow().getX() + scene.getX();
                double originY = scene.getWindow().getY() + scene.getY();
                for (Window window : Window.getWindows()) {
                    if (window instanceof PopupWindow popup && popup.isShowing() && ownedBy(popup, scene.getWindow())) {
                        WritableImage menu = popup.getScene().snapshot(null);
                        draw(menu, out, (int) Math.round(popup.getX() + popup.getScene().getX() - originX),
                                (int) Math.round(popup.getY() + popup.getScene().getY() - originY));
                    }
                }
                return out;
            }).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot take a snapshot", e);
        }
        return write(buffered, name);
    }

    private static boolean ownedBy(PopupWindow popup, Window window) {
        for (Window owner = popup.getOwnerWindow(); owner != null;
                owner = owner instanceof PopupWindow p ? p.getOwnerWindow() : null) {
            if (owner == window) {
                return true;
            }
        }
        return false;
    }

    /** Draws an image over another at (left, top), blending its transparent parts (a menu's shadow). */
    private static void draw(WritableImage image, BufferedImage onto, int left, int top) {
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                int tx = left + x;
                int ty = top + y;
                if (tx < 0 || ty < 0 || tx >= onto.getWidth() || ty >= onto.getHeight()) {
                    continue;
                }
                int argb = pixels.getArgb(x, y);
                int alpha = argb >>> 24;
                if (alpha == 255) {
                    onto.setRGB(tx, ty, argb);
                } else if (alpha > 0) {
                    int under = onto.getRGB(tx, ty);
                    int blended = 0;
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int over = (argb >> shift) & 0xff;
                        int back = (under >> shift) & 0xff;
                        blended |= ((over * alpha + back * (255 - alpha)) / 255) << shift;
                    }
                    onto.setRGB(tx, ty, blended);
                }
            }
        }
    }

    private static Path write(BufferedImage buffered, String name) {
        String dir = System.getProperty("workbench.screenshots");
        Path out = Path.of(dir == null ? "target/screenshots" : dir).resolve(name + ".png");
        try {
            Files.createDirectories(out.getParent());
            ImageIO.write(buffered, "png", out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
