// Job fair check-in: read the visitor's QR code with the camera where the browser offers
// the BarcodeDetector API; the typed code in the form below always works as a fallback.
(function () {
  "use strict";
  var start = document.getElementById("scanner-start");
  var box = document.getElementById("scanner");
  var video = document.getElementById("scanner-video");
  var form = document.getElementById("check-in-form");
  var input = form && form.querySelector("input[name=code]");
  if (!start || !video || !input) return;
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;

  start.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        box.hidden = false;
        start.hidden = true;
        video.srcObject = stream;
        video.play();
        var scan = function () {
          detector
            .detect(video)
            .then(function (codes) {
              if (codes.length) {
                stream.getTracks().forEach(function (t) { t.stop(); });
                input.value = codes[0].rawValue;
                form.submit();
              } else {
                window.requestAnimationFrame(scan);
              }
            })
            .catch(function () { window.requestAnimationFrame(scan); });
        };
        scan();
      })
      .catch(function () {
        start.hidden = true;
        input.focus();
      });
  });
})();
