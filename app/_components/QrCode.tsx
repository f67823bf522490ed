"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** A QR code of the join URL as an SVG image (generated in the browser; no markup injection). */
export function QrCode({ text, className }: { text: string; className?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } })
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  if (!src) return <div className={`aspect-square bg-slate-100 ${className ?? ""}`} aria-hidden="true" />;
  // eslint-disable-next-line @next/next/no-img-element -- a data: URL; next/image adds nothing here
  return <img src={src} alt={`QR code for ${text}`} className={`aspect-square bg-white ${className ?? ""}`} />;
}
