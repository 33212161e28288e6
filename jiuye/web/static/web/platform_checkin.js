// Job fair check-in: read the visitor's QR code with the camera. Browsers with the
// BarcodeDetector API (Chrome on Android) decode it natively; others (Safari on iPhone,
// Firefox) load the vendored jsQR decoder and read video frames through a canvas. The typed
// code in the form below always works as a fallback.
(function () {
  "use strict";
  var start = document.getElementById("scanner-start");
  var box = document.getElementById("scanner");
  var video = document.getElementById("scanner-video");
  var form = document.getElementById("check-in-form");
  var input = form && form.querySelector("input[name=code]");
  if (!start || !video || !input) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;

  function nativeDetector() {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    return function () {
      return detector.detect(video).then(function (codes) {
        return codes.length ? codes[0].rawValue : null;
      });
    };
  }

  function canvasDetector() {
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return function () {
      if (!video.videoWidth) return Promise.resolve(null);
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var frame = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(frame.data, frame.width, frame.height, {
        inversionAttempts: "dontInvert",
      });
      return Promise.resolve(code ? code.data : null);
    };
  }

  function loadDecoder() {
    if ("BarcodeDetector" in window) return Promise.resolve(nativeDetector());
    if (window.jsQR) return Promise.resolve(canvasDetector());
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = start.dataset.decoder;
      script.onload = function () { resolve(canvasDetector()); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function fallBack() {
    start.hidden = true;
    box.hidden = true;
    input.focus();
  }

  start.hidden = false;
  start.addEventListener("click", function () {
    loadDecoder().then(function (detect) {
      return navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          box.hidden = false;
          start.hidden = true;
          video.srcObject = stream;
          video.play();
          var scan = function () {
            detect()
              .then(function (value) {
                if (value) {
                  stream.getTracks().forEach(function (t) { t.stop(); });
                  input.value = value;
                  form.submit();
                } else {
                  window.requestAnimationFrame(scan);
                }
              })
              .catch(function () { window.requestAnimationFrame(scan); });
          };
          scan();
        });
    }).catch(fallBack);
  });
})();
