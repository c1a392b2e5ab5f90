// The export session: a frame plan walked one frame per UI frame, rendered in the session's own
// ImGui context from its own app state, and a writer thread for PNG encoding and ffmpeg.
#include "shell/export_session.h"

#include "core/classroom.h"
#include "render/imgui_backend.h"
#include "shell/app.h"
#include "ui/ui.h"

#include <imgui.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace linscape::shell {
namespace fs = std::filesystem;

std::filesystem::path picturesFolder() {
    if (const char* xdg = std::getenv("XDG_PICTURES_DIR"); xdg && *xdg) return xdg;
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / "Pictures";
    return fs::current_path();
}

namespace exportplan {

int lastFrame(double duration, int fps) {
    return int(duration * fps + 0.5) + fps;
}

double frameTime(int frame, double duration, int fps) {
    return std::min(duration, double(frame) / fps);
}

std::string stillName(const std::string& lesson, int step0) {
    char name[200];
    std::snprintf(name, sizeof name, "%s-%02d.png", lesson.c_str(), step0 + 1);
    return name;
}

std::string frameName(int n) {
    char name[64];
    std::snprintf(name, sizeof name, "frame-%05d.png", n);
    return name;
}

void prepareState(core::AppState& st, const lessons::LessonLibrary& library,
                  const ExportRequest& request) {
    st.classroom.library = library;
    st.setPresentation(true, float(request.height));
    st.theme = request.theme; // the requested theme wins over presentation's contrast default
}

} // namespace exportplan

namespace {

// Creates `dir` and its missing parents, remembering which were new (removed again on cancel).
bool makeFolder(const fs::path& dir, std::vector<std::string>& created, std::string* error) {
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir)) {
        *error = "cannot create the folder " + dir.string() +
                 (ec ? " (" + ec.message() + ")" : std::string(" (a file has that name)"));
        return false;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
        created.push_back(it->string());
    return true;
}

// A folder can be listed yet refuse new files: try one.
bool checkWritable(const fs::path& dir, std::string* error) {
    const fs::path probe = dir / ".linscape-export-probe";
    errno = 0;
    {
        std::ofstream f(probe);
        if (f && (f << "x") && f.flush()) {
            f.close();
            std::error_code ec;
            fs::remove(probe, ec);
            return true;
        }
    }
    const int err = errno;
    *error = "the folder " + dir.string() + " is not writable" +
             (err ? " (" + std::string(std::strerror(err)) + ")" : std::string());
    return false;
}

} // namespace

std::unique_ptr<ExportSession> ExportSession::start(App& app, const ExportRequest& request,
                                                    std::string* error) {
    std::string localError;
    if (!error) error = &localError;
    const lessons::Lesson* lesson = app.m_state.classroom.library.find(request.lesson);
    if (!lesson) {
        *error = "there is no lesson '" + request.lesson + "'";
        return nullptr;
    }
    const int nSteps = int(lesson->steps.size());
    if (nSteps == 0 || request.step < 0 || request.step > nSteps) {
        *error = "lesson '" + request.lesson + "' has steps 1 to " + std::to_string(nSteps) +
                 ", not " + std::to_string(request.step);
        return nullptr;
    }
    if (request.format != "png" && request.format != "gif" && request.format != "mp4") {
        *error = "the format must be png, gif or mp4, not '" + request.format + "'";
        return nullptr;
    }
    if (request.width < 16 || request.height < 16 || request.width > 8192 ||
        request.height > 8192) {
        *error = "the size must be between 16x16 and 8192x8192";
        return nullptr;
    }
    if (request.format == "mp4" && (request.width % 2 || request.height % 2)) {
        *error = "an MP4 needs an even width and height";
        return nullptr;
    }
    if (request.fps < 5 || request.fps > 60) {
        *error = "the frame rate must be between 5 and 60";
        return nullptr;
    }
    if (request.output.empty()) {
        *error = "no output path was given";
        return nullptr;
    }

    std::unique_ptr<ExportSession> s(new ExportSession());
    s->m_request = request;
    s->m_first = request.step ? request.step - 1 : 0;
    s->m_last = request.step ? request.step - 1 : nSteps - 1;
    const fs::path out(request.output);
    if (request.format == "png") {
        if (!makeFolder(out, s->m_createdDirs, error) || !checkWritable(out, error)) return nullptr;
        s->m_total = s->m_last - s->m_first + 1;
    } else {
        const std::string ext = "." + request.format;
        if (out.extension() != ext) {
            *error = "the file name " + request.output + " must end in " + ext;
            return nullptr;
        }
        std::error_code ec;
        if (fs::is_directory(out, ec)) {
            *error = request.output + " is a folder; give a file name ending in " + ext;
            return nullptr;
        }
        const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
        if (!makeFolder(dir, s->m_createdDirs, error) || !checkWritable(dir, error)) return nullptr;
        s->m_ffmpeg = findOnPath("ffmpeg");
        if (s->m_ffmpeg.empty()) {
            const fs::path frames = dir / (out.stem().string() + "-frames");
            if (!makeFolder(frames, s->m_createdDirs, error)) return nullptr;
            s->m_framesDir = frames.string();
            s->m_fallbackNote = "ffmpeg is not installed, so no " + request.format +
                                " could be encoded: the frames were written as a PNG sequence "
                                "to " +
                                s->m_framesDir +
                                "/ instead (install ffmpeg, or encode them with: "
                                "ffmpeg -r " +
                                std::to_string(request.fps) + " -i " + s->m_framesDir +
                                "/frame-%05d.png " + request.output + ")";
        } else {
            s->m_pipe = std::make_unique<FfmpegPipe>();
            if (!s->m_pipe->open(s->m_ffmpeg, request.format, request.width, request.height,
                                 request.fps, request.output, error))
                return nullptr;
        }
    }
    if (!s->init(app, error)) return nullptr;
    s->m_writer = std::thread([p = s.get()] { p->writerLoop(); });
    return s;
}

bool ExportSession::init(App& app, std::string* error) {
    ImGuiContext* user = ImGui::GetCurrentContext();
    m_imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_imgui);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // as App::create
    io.LogFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    m_backendReady = render::initImGuiBackend(error);
    if (m_backendReady) {
        exportplan::prepareState(m_state, app.m_state.classroom.library, m_request);
        // Fonts and style as App::rebuildFontsIfNeeded makes them for a capture.
        const std::string warning = m_fonts.build(16.0f * m_state.uiScale, 1.0f);
        (void)warning; // the window's own atlas already warned
        ui::applyStyle(m_state.palette(), m_state.uiScale);
        m_state.fontsDirty = false;
    }
    ImGui::SetCurrentContext(user);
    return m_backendReady;
}

ExportSession::~ExportSession() {
    if (m_writer.joinable()) {
        m_cancel = true;
        m_cv.notify_all();
        m_writer.join();
    }
    if (m_imgui) {
        ImGuiContext* user = ImGui::GetCurrentContext();
        ImGui::SetCurrentContext(m_imgui);
        if (m_backendReady) render::shutdownImGuiBackend();
        ImGui::SetCurrentContext(user);
        ImGui::DestroyContext(m_imgui);
    }
}

imaging::Image ExportSession::renderFrame(App& app, double t, int captureFrames) {
    // The app renders from m_state/m_fonts in the session's ImGui context; the student's state,
    // fonts and ImGui windows are set aside untouched and come back right after.
    ImGuiContext* user = ImGui::GetCurrentContext();
    int winW = 0, winH = 0;
    app.m_context->windowSize(winW, winH);
    const render::ViewportRect viewport = app.m_viewport;
    std::swap(app.m_state, m_state);
    std::swap(app.m_fonts, m_fonts);
    ImGui::SetCurrentContext(m_imgui);
    app.m_state.timeline.t = t;
    app.m_state.timeline.playing = false;
    imaging::Image img =
        app.capture(m_request.width, m_request.height, m_request.includeUi, captureFrames);
    ImGui::SetCurrentContext(user);
    std::swap(app.m_fonts, m_fonts);
    std::swap(app.m_state, m_state);
    app.m_viewport = viewport;
    // Warnings logged while rendering became toasts of the export's state: hand them over.
    for (core::Toast& toast : m_state.toasts)
        app.m_state.toasts.push_back(std::move(toast));
    m_state.toasts.clear();
    if (!app.m_context->interactive()) app.m_context->setSize(winW, winH);
    return img;
}

bool ExportSession::openStep(App&, int step0) {
    std::string error;
    if (!core::openLessonStep(m_state, m_request.lesson, step0, &error)) {
        std::lock_guard lock(m_mutex);
        m_writeError = error;
        return false;
    }
    m_step = step0;
    m_frame = 0;
    m_stepDuration = m_state.duration();
    m_stepLastFrame =
        m_request.format == "png" ? 0 : exportplan::lastFrame(m_stepDuration, m_request.fps);
    return true;
}

void ExportSession::tick(App& app) {
    if (m_phase == Phase::Running) {
        bool stop = m_cancel;
        {
            std::lock_guard lock(m_mutex);
            if (!m_writeError.empty()) stop = true;
            // The writer is behind: wait rather than hoard frames (the window stays smooth).
            if (!stop && m_queue.size() >= 3) return;
        }
        if (!stop && (m_step < 0 || m_frame > m_stepLastFrame)) {
            const int next = m_step < 0 ? m_first : m_step + 1;
            if (next > m_last || !openStep(app, next)) stop = true;
        }
        if (stop) {
            {
                std::lock_guard lock(m_mutex);
                m_noMoreJobs = true;
            }
            m_cv.notify_all();
            m_phase = Phase::Finishing;
        } else {
            Job job;
            if (m_request.format == "png") {
                job.image = renderFrame(app, m_stepDuration, exportplan::kStillCaptureFrames);
                job.path =
                    (fs::path(m_request.output) / exportplan::stillName(m_request.lesson, m_step))
                        .string();
            } else {
                const double t = exportplan::frameTime(m_frame, m_stepDuration, m_request.fps);
                job.image = renderFrame(app, t, exportplan::kAnimationCaptureFrames);
                if (!m_framesDir.empty())
                    job.path = (fs::path(m_framesDir) / exportplan::frameName(m_frameNo)).string();
            }
            // The scene's background work (a large tile schedule) is still running, so this
            // frame shows its progress note: draw it again next tick, as `linscape export` waits.
            if (m_state.scene && m_state.scene->busy()) return;
            if (m_request.format != "png") ++m_frameNo;
            ++m_frame;
            ++m_queued;
            {
                std::lock_guard lock(m_mutex);
                m_queue.push_back(std::move(job));
            }
            m_cv.notify_all();
        }
    }
    if (m_phase == Phase::Finishing) {
        bool done;
        {
            std::lock_guard lock(m_mutex);
            done = m_writerDone;
        }
        if (done) {
            m_writer.join();
            finish();
        }
    }
}

void ExportSession::cancel() {
    if (!active()) return;
    m_cancel = true;
    m_cv.notify_all();
}

float ExportSession::progress() const {
    const int steps = m_last - m_first + 1;
    if (m_phase == Phase::Done) return 1.0f;
    if (m_request.format == "png") return m_total ? float(m_written) / float(m_total) : 0.0f;
    // Animations: whole steps done, plus the share of the current one.
    if (m_step < 0) return 0.0f;
    const float inStep = m_stepLastFrame > 0 ? float(m_frame) / float(m_stepLastFrame + 1) : 1.0f;
    return std::clamp((float(m_step - m_first) + inStep) / float(steps), 0.0f, 1.0f);
}

std::string ExportSession::progressText() const {
    const int steps = m_last - m_first + 1;
    if (m_phase == Phase::Finishing && !m_cancel)
        return m_request.format == "png" ? "writing the last stills"
                                         : (m_pipe ? "ffmpeg is encoding" : "writing the frames");
    if (m_request.format == "png")
        return "still " + std::to_string(std::min(m_written.load() + 1, m_total)) + " of " +
               std::to_string(m_total);
    const int shown = std::max(m_step - m_first + 1, 1);
    return "step " + std::to_string(shown) + " of " + std::to_string(steps) + ", frame " +
           std::to_string(m_frame) + " of " + std::to_string(m_stepLastFrame + 1);
}

void ExportSession::writerLoop() {
    const bool stills = m_request.format == "png";
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [&] { return !m_queue.empty() || m_noMoreJobs || m_cancel; });
            if (m_cancel || m_queue.empty()) break;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        std::string error;
        if (!job.path.empty()) {
            // Written under a temporary name and renamed: a file with the real name is whole.
            const std::string part = job.path + ".part";
            std::error_code ec;
            if (!imaging::savePng(job.image, part, &error, stills ? 4 : 1)) {
                fs::remove(part, ec);
                if (error.empty()) error = "cannot write " + job.path;
            } else {
                fs::rename(part, job.path, ec);
                if (ec) {
                    fs::remove(part, ec);
                    error = "cannot write " + job.path + " (" + ec.message() + ")";
                }
            }
            if (error.empty()) {
                std::lock_guard lock(m_mutex);
                m_files.push_back(job.path);
            }
        } else if (!m_pipe->write(job.image)) {
            error = "ffmpeg stopped accepting frames";
        }
        if (!error.empty()) {
            std::lock_guard lock(m_mutex);
            m_writeError = error;
            break;
        }
        ++m_written;
    }
    std::string error;
    const bool failed = [&] {
        std::lock_guard lock(m_mutex);
        return !m_writeError.empty();
    }();
    if (m_pipe && m_pipe->isOpen()) {
        if (m_cancel || failed)
            m_pipe->abandon();
        else if (!m_pipe->close(&error)) {
            std::lock_guard lock(m_mutex);
            m_writeError = error;
        } else {
            std::lock_guard lock(m_mutex);
            m_files.push_back(m_request.output); // a cancel during encoding removes it too
        }
    }
    if (m_cancel) {
        // Nothing half-done stays behind: the files of this export and the folders it made.
        std::error_code ec;
        for (const std::string& f : m_files)
            if (fs::remove(f, ec)) ++m_removed;
        for (auto it = m_createdDirs.rbegin(); it != m_createdDirs.rend(); ++it)
            if (fs::is_empty(*it, ec)) fs::remove(*it, ec);
    }
    std::lock_guard lock(m_mutex);
    m_writerDone = true;
}

void ExportSession::finish() {
    const ExportRequest& r = m_request;
    const std::string what =
        r.format == "png"
            ? (m_total == 1 ? std::string("1 still") : std::to_string(m_total) + " stills")
            : "the animation";
    std::string error;
    {
        std::lock_guard lock(m_mutex);
        error = m_writeError;
    }
    if (m_cancel) {
        m_phase = Phase::Cancelled;
        m_message = m_removed ? "Export cancelled: the " + std::to_string(m_removed) + " file" +
                                    (m_removed == 1 ? "" : "s") +
                                    " already written were removed, nothing is left behind."
                              : "Export cancelled: nothing was written.";
    } else if (!error.empty()) {
        m_phase = Phase::Failed;
        m_message = "Export failed: " + error + ".";
        if (!m_files.empty())
            m_message += " " + std::to_string(m_files.size()) + " file" +
                         (m_files.size() == 1 ? " was" : "s were") + " written before that, in " +
                         fs::path(m_files.front()).parent_path().string() + ".";
    } else if (r.format == "png") {
        m_phase = Phase::Done;
        m_message = "Exported " + what + " of '" + r.lesson + "' to " + r.output;
    } else if (!m_framesDir.empty()) {
        m_phase = Phase::Done;
        m_message = "Exported " + std::to_string(m_frameNo) + " frames, but " + m_fallbackNote;
    } else {
        m_phase = Phase::Done;
        m_message = "Exported " + what + " to " + r.output + " (" + std::to_string(m_frameNo) +
                    " frames at " + std::to_string(r.fps) + " fps)";
    }
}

} // namespace linscape::shell
