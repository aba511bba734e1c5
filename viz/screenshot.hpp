#pragma once
// Off-screen rendering for --screenshot: an OpenGL framebuffer object of the requested size (so the
// result does not depend on the screen or window manager), read back and written as a PNG with stb.
#include <string>

namespace swsim::viz {

class Offscreen {
 public:
  // Needs a current OpenGL 3 context; `error()` says why when !ok().
  Offscreen(int width, int height);
  ~Offscreen();
  Offscreen(const Offscreen&) = delete;
  Offscreen& operator=(const Offscreen&) = delete;
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  void bind();    // render into it
  void unbind();  // back to the window
  // Reads the pixels back and writes an RGB PNG; returns "" or a one-line error.
  std::string write_png(const std::string& path);
  // The same for a region (x, y from the top left, in pixels).
  std::string write_png_region(int x, int y, int w, int h, const std::string& path);

 private:
  int width_, height_;
  unsigned fbo_ = 0, colour_ = 0, depth_ = 0;
  std::string error_;
};

// Reads a region of the currently bound framebuffer (of height fb_h; x, y from the top left) and writes
// it as an RGB PNG; returns "" or a one-line error.
std::string read_png_region(int fb_h, int x, int y, int w, int h, const std::string& path);

}  // namespace swsim::viz
