#include "screenshot.hpp"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GL/glext.h>
#include <GLFW/glfw3.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <vector>

namespace swsim::viz {
namespace {

// Framebuffer-object entry points are not part of the OpenGL 1.x ABI: look them up at run time.
struct FboApi {
  PFNGLGENFRAMEBUFFERSPROC gen_framebuffers = nullptr;
  PFNGLBINDFRAMEBUFFERPROC bind_framebuffer = nullptr;
  PFNGLDELETEFRAMEBUFFERSPROC delete_framebuffers = nullptr;
  PFNGLFRAMEBUFFERRENDERBUFFERPROC framebuffer_renderbuffer = nullptr;
  PFNGLCHECKFRAMEBUFFERSTATUSPROC check_framebuffer_status = nullptr;
  PFNGLGENRENDERBUFFERSPROC gen_renderbuffers = nullptr;
  PFNGLBINDRENDERBUFFERPROC bind_renderbuffer = nullptr;
  PFNGLDELETERENDERBUFFERSPROC delete_renderbuffers = nullptr;
  PFNGLRENDERBUFFERSTORAGEPROC renderbuffer_storage = nullptr;
  bool load() {
    auto get = [](const char* name) { return glfwGetProcAddress(name); };
    gen_framebuffers = reinterpret_cast<PFNGLGENFRAMEBUFFERSPROC>(get("glGenFramebuffers"));
    bind_framebuffer = reinterpret_cast<PFNGLBINDFRAMEBUFFERPROC>(get("glBindFramebuffer"));
    delete_framebuffers = reinterpret_cast<PFNGLDELETEFRAMEBUFFERSPROC>(get("glDeleteFramebuffers"));
    framebuffer_renderbuffer =
        reinterpret_cast<PFNGLFRAMEBUFFERRENDERBUFFERPROC>(get("glFramebufferRenderbuffer"));
    check_framebuffer_status =
        reinterpret_cast<PFNGLCHECKFRAMEBUFFERSTATUSPROC>(get("glCheckFramebufferStatus"));
    gen_renderbuffers = reinterpret_cast<PFNGLGENRENDERBUFFERSPROC>(get("glGenRenderbuffers"));
    bind_renderbuffer = reinterpret_cast<PFNGLBINDRENDERBUFFERPROC>(get("glBindRenderbuffer"));
    delete_renderbuffers = reinterpret_cast<PFNGLDELETERENDERBUFFERSPROC>(get("glDeleteRenderbuffers"));
    renderbuffer_storage = reinterpret_cast<PFNGLRENDERBUFFERSTORAGEPROC>(get("glRenderbufferStorage"));
    return gen_framebuffers && bind_framebuffer && delete_framebuffers && framebuffer_renderbuffer &&
           check_framebuffer_status && gen_renderbuffers && bind_renderbuffer && delete_renderbuffers &&
           renderbuffer_storage;
  }
};

FboApi& api() {
  static FboApi a;
  return a;
}

}  // namespace

Offscreen::Offscreen(int width, int height) : width_(width), height_(height) {
  if (!api().load()) {
    error_ = "the OpenGL driver has no framebuffer objects (OpenGL 3 needed)";
    return;
  }
  auto& gl = api();
  gl.gen_framebuffers(1, &fbo_);
  gl.bind_framebuffer(GL_FRAMEBUFFER, fbo_);
  gl.gen_renderbuffers(1, &colour_);
  gl.bind_renderbuffer(GL_RENDERBUFFER, colour_);
  gl.renderbuffer_storage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  gl.framebuffer_renderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
  gl.gen_renderbuffers(1, &depth_);
  gl.bind_renderbuffer(GL_RENDERBUFFER, depth_);
  gl.renderbuffer_storage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, width, height);
  gl.framebuffer_renderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_);
  if (gl.check_framebuffer_status(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    error_ =
        "cannot create an off-screen framebuffer of " + std::to_string(width) + "x" + std::to_string(height);
  gl.bind_framebuffer(GL_FRAMEBUFFER, 0);
}

Offscreen::~Offscreen() {
  auto& gl = api();
  if (fbo_) gl.delete_framebuffers(1, &fbo_);
  if (colour_) gl.delete_renderbuffers(1, &colour_);
  if (depth_) gl.delete_renderbuffers(1, &depth_);
}

void Offscreen::bind() {
  api().bind_framebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width_, height_);
}

void Offscreen::unbind() {
  api().bind_framebuffer(GL_FRAMEBUFFER, 0);
}

std::string Offscreen::write_png(const std::string& path) {
  bind();
  std::vector<unsigned char> rgb(static_cast<std::size_t>(width_) * height_ * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width_, height_, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  unbind();
  stbi_flip_vertically_on_write(1);
  if (!stbi_write_png(path.c_str(), width_, height_, 3, rgb.data(), width_ * 3))
    return path + ": cannot write the PNG file";
  return {};
}

std::string read_png_region(int fb_h, int x, int y, int w, int h, const std::string& path) {
  if (w <= 0 || h <= 0) return path + ": nothing to write (empty region)";
  std::vector<unsigned char> rgb(static_cast<std::size_t>(w) * h * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, fb_h - y - h, w, h, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
  stbi_flip_vertically_on_write(1);
  if (!stbi_write_png(path.c_str(), w, h, 3, rgb.data(), w * 3)) return path + ": cannot write the PNG file";
  return {};
}

std::string Offscreen::write_png_region(int x, int y, int w, int h, const std::string& path) {
  x = std::clamp(x, 0, width_ - 1);
  y = std::clamp(y, 0, height_ - 1);
  w = std::clamp(w, 1, width_ - x);
  h = std::clamp(h, 1, height_ - y);
  bind();
  const std::string err = read_png_region(height_, x, y, w, h, path);
  unbind();
  return err;
}

}  // namespace swsim::viz
