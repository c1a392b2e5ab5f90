// Exporting a lesson without freezing the window: an ExportSession renders one frame per UI frame
// in a Dear ImGui context of its own (its own fonts, style and window state) from its own copy of
// the app state, so neither the screen nor the student's lesson is touched, and a writer thread
// encodes the PNGs or feeds ffmpeg. The frame plan is shared with `linscape export`.
#pragma once

#include "core/app_state.h"
#include "imaging/image.h"
#include "render/fonts.h"
#include "shell/ffmpeg_pipe.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct ImGuiContext;

namespace linscape::shell {

class App;

// Where the window puts screenshots and exports: $XDG_PICTURES_DIR, else ~/Pictures.
std::filesystem::path picturesFolder();

struct ExportRequest {
    std::string lesson;
    int step = 0;               // 1-based; 0: every step
    std::string format = "png"; // png (one still per step), gif or mp4 (the animation)
    std::string output;         // png: a folder (created if missing); gif/mp4: the file
    int width = 1280, height = 720;
    int fps = 30;
    style::ThemeId theme = style::ThemeId::Contrast;
    bool includeUi = true;
};

// What every export renders, the same for the command line and the window.
namespace exportplan {
constexpr int kStillCaptureFrames = 3;     // frames rendered before a still is read back
constexpr int kAnimationCaptureFrames = 2; // the same for each animation frame
// The last frame index of a step's animation: the animation, then a one-second hold.
int lastFrame(double duration, int fps);
double frameTime(int frame, double duration, int fps);
std::string stillName(const std::string& lesson, int step0); // "maps-03.png"
std::string frameName(int n);                                // "frame-00042.png"
// The state `linscape export` renders from: the lesson library, presentation mode at the export
// height, the requested theme.
void prepareState(core::AppState& st, const lessons::LessonLibrary& library,
                  const ExportRequest& request);
} // namespace exportplan

class ExportSession {
public:
    enum class Phase { Running, Finishing, Done, Failed, Cancelled };

    // Checks the request (lesson, step, size, the output writable) and starts. nullptr with
    // *error in plain words when it cannot start. Needs the app's GL context current.
    static std::unique_ptr<ExportSession> start(App& app, const ExportRequest& request,
                                                std::string* error);
    ~ExportSession(); // stops the writer (cancelling an unfinished export) and frees the context
    ExportSession(const ExportSession&) = delete;
    ExportSession& operator=(const ExportSession&) = delete;

    // UI thread, once per frame after the screen was presented: renders at most one export frame
    // offscreen and queues it for the writer; notices when the writer is done.
    void tick(App& app);
    // Stops after the frame being written; what was written is removed.
    void cancel();

    Phase phase() const { return m_phase; }
    bool active() const { return m_phase == Phase::Running || m_phase == Phase::Finishing; }
    float progress() const; // 0..1 of the frames written
    std::string progressText() const;
    // The outcome in plain words (where the files are, or what went wrong).
    const std::string& message() const { return m_message; }
    const ExportRequest& request() const { return m_request; }

private:
    ExportSession() = default;
    struct Job {
        imaging::Image image;
        std::string path; // PNG file; empty: the next ffmpeg frame
    };
    bool init(App& app, std::string* error);
    imaging::Image renderFrame(App& app, double t, int captureFrames);
    bool openStep(App& app, int step0);
    void writerLoop();
    void finish();

    ExportRequest m_request;
    core::AppState m_state; // the export's own state (swapped into the app while it renders)
    render::FontLibrary m_fonts;
    ImGuiContext* m_imgui = nullptr;
    bool m_backendReady = false;
    Phase m_phase = Phase::Running;
    std::string m_message;
    std::string m_ffmpeg; // empty for stills and for the PNG-sequence fallback
    std::unique_ptr<FfmpegPipe> m_pipe;
    std::string m_framesDir;    // PNG-sequence fallback folder
    std::string m_fallbackNote; // why the animation became a PNG sequence
    std::vector<std::string> m_createdDirs;

    // Progress through the plan (UI thread).
    int m_first = 0, m_last = 0; // steps, 0-based inclusive
    int m_step = -1;             // step being rendered; -1: not opened yet
    int m_frame = 0, m_stepLastFrame = 0;
    double m_stepDuration = 0;
    int m_frameNo = 0; // animation frames queued so far
    int m_queued = 0, m_total = 0;

    // The writer thread and what it shares with the UI thread.
    std::thread m_writer;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Job> m_queue;
    bool m_noMoreJobs = false;
    bool m_writerDone = false;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_written{0};
    std::string m_writeError;
    std::vector<std::string> m_files; // written so far (removed on cancel)
    int m_removed = 0;                // files removed after a cancel
};

// File > Export: what the dialog is showing.
struct ExportDialog {
    bool open = false;       // the dialog that asks what to export and where
    bool openPopup = false;  // ImGui::OpenPopup on the next frame
    int format = 0;          // 0 stills (png), 1 gif, 2 mp4
    std::string output;      // edited path
    std::string lastLesson;  // the lesson the paths were suggested for
    std::string error;       // why the last start failed
    bool showResult = false; // the progress window stays with the outcome until closed
};

} // namespace linscape::shell
