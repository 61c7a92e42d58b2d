/* Shortlist page: update the "Shortlisted" capacity counts as boxes are ticked,
   before the form is saved (the server checks again on saving and finalising). */
(function () {
  "use strict";
  var table = document.querySelector("[data-shortlist]");
  var card = document.querySelector("[data-capacity]");
  if (!table || !card) { return; }
  var targetTeams = parseInt(card.getAttribute("data-target-teams"), 10);
  var maxParticipants = parseInt(card.getAttribute("data-max-participants"), 10);
  function update() {
    var teams = 0, people = 0;
    table.querySelectorAll("input[name=shortlisted]:checked").forEach(function (box) {
      teams += 1;
      people += parseInt(box.getAttribute("data-participants"), 10) || 0;
    });
    card.querySelector("[data-capacity-teams]").textContent = teams;
    card.querySelector("[data-capacity-participants]").textContent = people;
    card.querySelector("[data-capacity-teams-exceeded]").classList.toggle("d-none", teams <= targetTeams);
    card.querySelector("[data-capacity-participants-exceeded]").classList.toggle("d-none", people <= maxParticipants);
    card.classList.toggle("border-danger", teams > targetTeams || people > maxParticipants);
  }
  table.addEventListener("change", update);
})();
