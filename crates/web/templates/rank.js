// Drag to rank, on /start (progressive enhancement): drop a value on another to take its place.
// The up and down buttons stay, and are the whole of it without this script: a drop sends the
// same form a button does (the value, its new place), so the server sees no difference.
"use strict";
(() => {
  const list = document.querySelector("ol.order");
  if (!list) return;
  const items = Array.from(list.querySelectorAll("li[data-value]"));
  if (items.length < 2) return;
  const hint = document.getElementById("order-drag");
  if (hint) hint.hidden = false;
  let dragged = null;
  const clear = () => items.forEach((li) => li.classList.remove("over"));
  for (const li of items) {
    li.draggable = true;
    li.addEventListener("dragstart", (e) => {
      dragged = li;
      li.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", li.dataset.value);
    });
    li.addEventListener("dragend", () => {
      li.classList.remove("dragging");
      dragged = null;
      clear();
    });
    li.addEventListener("dragover", (e) => {
      if (!dragged || dragged === li) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      clear();
      li.classList.add("over");
    });
    li.addEventListener("dragleave", () => li.classList.remove("over"));
    li.addEventListener("drop", (e) => {
      e.preventDefault();
      const from = dragged;
      clear();
      if (!from || from === li) return;
      const form = from.querySelector("form");
      const place = document.createElement("input");
      place.type = "hidden";
      place.name = "place";
      place.value = li.dataset.place;
      form.appendChild(place);
      form.submit();
    });
  }
})();
